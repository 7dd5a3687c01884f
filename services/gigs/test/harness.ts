import { createMemberDirectory, type Role } from '@gigmart/shared';
import {
  createTestTokenIssuer,
  graphqlClient,
  startFakeMemberDirectory,
  TEST_SERVICE_TOKEN,
  TestClock,
  testLogger,
  testServiceOptions,
  type FakeService,
  type Gql,
} from '@gigmart/shared/testing';
import { Types } from 'mongoose';
import { startGigsService, type GigsServiceOptions, type StartedGigs } from '../src/app.js';
import { createContext, type GigsContext, type GigsModels } from '../src/context.js';
import { CategoryCatalog } from '../src/modules/categories/index.js';
import { createSearchLimit } from '../src/modules/search/index.js';
import type { GigDoc } from '../src/modules/gigs/model.js';
import { derivedPricing } from '../src/modules/gigs/rules.js';

/**
 * The gigs service alone, over real HTTP on the run's real database. The users service is stood in
 * for by a fake of its internal members route (shared/src/internal/members.ts) and tokens come from
 * a test key pair; the end-to-end tests use the real users service.
 */
export interface GigsHarness {
  url: string;
  service: StartedGigs;
  /** `gql(query, variables, { token })` against the service's /graphql. */
  gql: Gql;
  /** The service's clock: real time until a test moves it. */
  clock: TestClock;
  /** The users service's members route, answered from `member()`'s members. */
  users: FakeService;
  member(options?: { seller?: boolean; roles?: Role[] }): Promise<{ id: string; token: string }>;
  /** A validly signed token for an id the members route does not know (a deleted member, say). */
  stranger(roles?: Role[]): Promise<{ id: string; token: string }>;
  /** A context with no viewer, as jobs and the CLI make one, on the service's database. */
  context(): GigsContext;
  stop(): Promise<void>;
}

/** Service options a test may change (a low request deadline, say). */
export type GigsHarnessOptions = Partial<Pick<GigsServiceOptions, 'requestDeadlineMs' | 'searchLimit'>>;

export async function startGigsHarness(prefix: string, overrides: GigsHarnessOptions = {}): Promise<GigsHarness> {
  const issuer = await createTestTokenIssuer();
  const clock = new TestClock();
  const users = await startFakeMemberDirectory({ serviceToken: TEST_SERVICE_TOKEN });
  const { members } = users;
  const options = testServiceOptions(prefix, { verifyAccessToken: issuer.verify, clock: clock.now });
  const service = await startGigsService({ ...options, ...overrides, urls: { ...options.urls, users: users.url } });
  const models = service.models;
  return {
    url: service.url,
    service,
    gql: graphqlClient(`${service.url}/graphql`),
    clock,
    users,
    async member(options = {}) {
      const id = new Types.ObjectId().toHexString();
      const seller = options.seller ?? false;
      const roles: Role[] = options.roles ?? (seller ? ['BUYER', 'SELLER'] : ['BUYER']);
      members.set(id, {
        id,
        username: `m_${id.slice(-8)}`,
        roles,
        isSeller: seller,
        sellerSince: seller ? clock.now().toISOString() : null,
      });
      return { id, token: await issuer.issue(id, roles) };
    },
    async stranger(roles = ['BUYER', 'SELLER', 'ADMIN']) {
      const id = new Types.ObjectId().toHexString();
      return { id, token: await issuer.issue(id, roles) };
    },
    context: () =>
      createContext(
        { requestId: `test-${new Types.ObjectId().toHexString()}`, logger: testLogger, viewer: null },
        {
          models,
          categories: new CategoryCatalog(models.Category),
          members: createMemberDirectory({ usersUrl: users.url, serviceToken: TEST_SERVICE_TOKEN }),
          clock: clock.now,
          media: null,
          searchLimit: createSearchLimit(),
          searchIndex: service.search.index,
        },
      ),
    async stop() {
      await service.stop();
      await users.stop();
    },
  };
}

export const GIG_FIELDS = `id slug title description status tags images
  seller { id } category { slug }
  packages { tier name description price { amountCents currency formatted } deliveryDays revisions features }
  startingPrice { amountCents formatted } faqs { question answer } requirements { id question required }
  createdAt updatedAt`;

let counter = 0;
/** A valid CreateGigInput; `overrides` replace fields. */
export function gigInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    title: `I will design a modern minimalist logo ${counter}`,
    description:
      'A clean, memorable logo for your brand. I start from a short questionnaire, sketch three directions and refine the one you like until it is right, then deliver every file format you need.',
    categorySlug: 'logo-design',
    tags: ['logo', 'branding'],
    images: ['https://images.gigmart.example/logo-1.png'],
    packages: [
      {
        tier: 'BASIC',
        name: 'Basic',
        description: 'One concept',
        priceCents: 2500,
        deliveryDays: 3,
        revisions: 2,
        features: ['1 concept'],
      },
      {
        tier: 'PREMIUM',
        name: 'Premium',
        description: 'Three concepts',
        priceCents: 9900,
        deliveryDays: 7,
        revisions: null,
        features: ['3 concepts', 'source files'],
      },
    ],
    faqs: [{ question: 'Do I own the logo?', answer: 'Yes, every right is yours.' }],
    requirements: [
      { question: 'What is your brand name?', required: true },
      { question: 'Any colours you like?', required: false },
    ],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Gigs written straight into the database (also used by gateway/test/gigs.e2e.test.ts).

export interface GigSpec {
  title?: string;
  description?: string;
  tags?: string[];
  categorySlug?: string;
  sellerId?: string;
  status?: GigDoc['status'];
  prices?: number[];
  deliveryDays?: number[];
  ordersCompleted?: number;
  rating?: { sum: number; count: number } | null;
  createdAt?: Date;
}

let serial = 0;

/**
 * Gigs written straight into the database, for volume (paging through 100+). Their stored search
 * and sort fields are computed by the same functions the service uses. Given the running service,
 * its search index then reconciles with the database at once (it would within
 * GIGS_SEARCH_RECONCILE_SECONDS anyway), so searches find them.
 */
export async function insertGigs(target: GigsModels | Pick<StartedGigs, 'models' | 'search'>, specs: GigSpec[]): Promise<GigDoc[]> {
  const models = 'search' in target ? target.models : target;
  const categories = await models.Category.find().lean().exec();
  const categoryId = new Map(categories.map((c) => [c.slug, c._id]));
  const docs = specs.map((spec): GigDoc => {
    serial += 1;
    const title = spec.title ?? `Fixture gig number ${serial} for paging`;
    const description = spec.description ?? `A fixture description for gig ${serial}. `.repeat(5);
    const tags = spec.tags ?? ['fixture'];
    const prices = spec.prices ?? [1000 + ((serial * 37) % 50) * 100];
    const days = spec.deliveryDays ?? prices.map(() => 3);
    const tiers = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
    const packages = prices.map((priceCents, i) => ({
      tier: tiers[i]!,
      name: tiers[i]!,
      description: 'Package',
      priceCents,
      deliveryDays: days[i]!,
      revisions: 1,
      features: [],
    }));
    const rating = spec.rating ?? null;
    const average = rating ? rating.sum / rating.count : null;
    const _id = new Types.ObjectId();
    return {
      _id,
      slug: `fixture-${_id.toHexString()}`,
      title,
      description,
      tags,
      images: [],
      packages,
      faqs: [],
      requirements: [],
      sellerId: new Types.ObjectId(spec.sellerId),
      categoryId: categoryId.get(spec.categorySlug ?? 'logo-design')!,
      status: spec.status ?? 'ACTIVE',
      publishedAt: null,
      ...derivedPricing(packages),
      stats: {
        ordersCompleted: spec.ordersCompleted ?? 0,
        ordersInQueue: 0,
        ratingSum: rating?.sum ?? 0,
        ratingCount: rating?.count ?? 0,
        ratingAverage: average,
      },
      ratingSortKey: average ?? -1,
      statsClock: 0,
      statsVersion: 0,
      createdAt: spec.createdAt ?? new Date(Date.UTC(2026, 0, 1) + serial * 60_000),
      updatedAt: new Date(),
    };
  });
  await models.Gig.collection.insertMany(docs);
  if ('search' in target) await target.search.reconcile();
  return docs;
}

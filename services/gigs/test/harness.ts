import { createServer, type Server } from 'node:http';
import { isServiceToken, MEMBERS_ROUTE, type Member, type MembersRequest, type Role } from '@gigmart/shared';
import {
  createTestTokenIssuer,
  freePorts,
  graphqlRequest,
  TEST_SERVICE_TOKEN,
  testDatabaseName,
  testLogger,
  testMongoUri,
  type GraphQLResponse,
} from '@gigmart/shared/testing';
import { Types } from 'mongoose';
import { startGigsService } from '../src/app.js';
import type { GigsModels } from '../src/context.js';
import type { StartedSubgraph } from '@gigmart/shared';

/**
 * The gigs service alone, over real HTTP on the run's real database. The users service is stood in
 * for by its internal contract only (POST /internal/members, shared/src/internal/members.ts) and
 * tokens come from a test key pair; the end-to-end tests use the real users service.
 */
export interface GigsHarness {
  url: string;
  graphqlUrl: string;
  service: StartedSubgraph<GigsModels>;
  members: Map<string, Member>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  member(options?: { seller?: boolean; roles?: Role[] }): Promise<{ id: string; token: string }>;
  stop(): Promise<void>;
}

export async function startGigsHarness(prefix: string): Promise<GigsHarness> {
  const issuer = await createTestTokenIssuer();
  const members = new Map<string, Member>();
  const directory: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== MEMBERS_ROUTE || !isServiceToken(req.headers['x-service-token'], TEST_SERVICE_TOKEN)) {
      res.writeHead(401).end();
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { ids } = JSON.parse(body) as MembersRequest;
      const found = ids.map((id) => members.get(id)).filter((m): m is Member => Boolean(m));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ members: found }));
    });
  });
  const [usersPort, gigsPort] = (await freePorts(2)) as [number, number];
  await new Promise<void>((resolve) => directory.listen(usersPort, '127.0.0.1', resolve));
  const usersUrl = `http://127.0.0.1:${usersPort}`;
  const service = await startGigsService({
    logger: testLogger,
    mongoUri: testMongoUri(),
    port: gigsPort,
    dbName: testDatabaseName(prefix),
    serviceToken: TEST_SERVICE_TOKEN,
    urls: { users: usersUrl, gigs: `http://127.0.0.1:${gigsPort}`, orders: 'http://127.0.0.1:9' },
    verifyAccessToken: issuer.verify,
  });
  const graphqlUrl = `${service.url}/graphql`;
  return {
    url: service.url,
    graphqlUrl,
    service,
    members,
    gql: (query, variables = {}, token) => graphqlRequest(graphqlUrl, query, variables, token ? { token } : {}),
    async member(options = {}) {
      const id = new Types.ObjectId().toHexString();
      const seller = options.seller ?? false;
      const roles: Role[] = options.roles ?? (seller ? ['BUYER', 'SELLER'] : ['BUYER']);
      members.set(id, { id, username: `m_${id.slice(-8)}`, roles, isSeller: seller, sellerSince: seller ? new Date().toISOString() : null });
      return { id, token: await issuer.issue(id, roles) };
    },
    async stop() {
      await service.stop();
      await new Promise((resolve) => directory.close(resolve));
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
      { tier: 'BASIC', name: 'Basic', description: 'One concept', priceCents: 2500, deliveryDays: 3, revisions: 2, features: ['1 concept'] },
      { tier: 'PREMIUM', name: 'Premium', description: 'Three concepts', priceCents: 9900, deliveryDays: 7, revisions: null, features: ['3 concepts', 'source files'] },
    ],
    faqs: [{ question: 'Do I own the logo?', answer: 'Yes, every right is yours.' }],
    requirements: [
      { question: 'What is your brand name?', required: true },
      { question: 'Any colours you like?', required: false },
    ],
    ...overrides,
  };
}

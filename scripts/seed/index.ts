import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expectNoUserErrors, graphql, type UserError } from './client.js';
import { DEMO_PASSWORD, DEMO_SELLERS, demoEmail, type DemoGig, type DemoSeller } from './data.js';
import { avatarPicture, gigCard, uploadFile } from './files.js';
import { seedDemoInbox } from './inbox.js';
import { seedDemoOrders, type BackdateSeller } from './orders.js';

/**
 * The demo marketplace, made through the public API at the gateway exactly as people would make it:
 * sign up (or log in, when the account exists), fill in the profile, become a seller, create and
 * publish gigs. Idempotent: existing accounts are reused and a gig whose title the seller already
 * has is not created again (a left-over DRAFT of an interrupted run is published).
 *
 * Other seeds (orders, reviews, conversations and a custom offer) build on the world this returns;
 * see scripts/seed/orders.ts and scripts/seed/inbox.ts.
 */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';

export interface SeededSeller {
  id: string;
  username: string;
  displayName: string;
  email: string;
  password: string;
  accessToken: string;
}

export interface SeededGig {
  id: string;
  sellerId: string;
  slug: string;
  title: string;
  categorySlug: string;
  status: string;
  packages: Array<{ tier: string; priceCents: number; deliveryDays: number }>;
  requirements: Array<{ id: string; question: string; required: boolean }>;
  created: boolean;
}

export interface DemoWorld {
  sellers: SeededSeller[];
  gigs: SeededGig[];
}

export type SeedLog = (message: string) => void;

interface AuthPayload {
  session: { accessToken: string } | null;
  user: { id: string; username: string } | null;
  userErrors: UserError[];
}

const AUTH_FIELDS = 'session { accessToken } user { id username } userErrors { field message code }';
const GIG_FIELDS = `id slug title status category { slug } packages { tier price { amountCents } deliveryDays } requirements { id question required }`;

interface GigNode {
  id: string;
  slug: string;
  title: string;
  status: string;
  category: { slug: string };
  packages: Array<{ tier: string; price: { amountCents: number }; deliveryDays: number }>;
  requirements: Array<{ id: string; question: string; required: boolean }>;
}

/** True when search finds no gig at all: what `npm start` checks before seeding. */
export async function isMarketplaceEmpty(gatewayUrl: string = DEFAULT_GATEWAY_URL): Promise<boolean> {
  const data = await graphql<{ searchGigs: { totalCount: number } }>(gatewayUrl, '{ searchGigs(first: 1) { totalCount } }');
  return data.searchGigs.totalCount === 0;
}

async function signInOrUp(url: string, seller: DemoSeller): Promise<{ id: string; accessToken: string; created: boolean }> {
  const email = demoEmail(seller.username);
  const signUp = await graphql<{ signUp: AuthPayload }>(
    url,
    `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
    {
      input: { email, password: DEMO_PASSWORD, username: seller.username, displayName: seller.displayName },
    },
  );
  if (signUp.signUp.session && signUp.signUp.user)
    return { id: signUp.signUp.user.id, accessToken: signUp.signUp.session.accessToken, created: true };
  // Signing up first (not logging in first) keeps a fresh database from counting failed log-ins.
  if (!signUp.signUp.userErrors.some((e) => e.code === 'TAKEN')) expectNoUserErrors(`signUp ${seller.username}`, signUp.signUp.userErrors);
  const logIn = await graphql<{ logIn: AuthPayload }>(url, `mutation ($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`, {
    input: { login: seller.username, password: DEMO_PASSWORD },
  });
  if (!logIn.logIn.session || !logIn.logIn.user) {
    expectNoUserErrors(`logIn ${seller.username} (the account exists with another password?)`, logIn.logIn.userErrors);
    throw new Error(`logIn ${seller.username} returned no session`);
  }
  return { id: logIn.logIn.user.id, accessToken: logIn.logIn.session.accessToken, created: false };
}

async function setUpProfile(url: string, seller: DemoSeller, token: string): Promise<void> {
  // A picture made here and uploaded, once: its 400-pixel rendition becomes the avatar.
  const current = await graphql<{ me: { avatar: { id: string } | null } | null }>(url, '{ me { avatar { id } } }', {}, token);
  const avatar = current.me?.avatar
    ? {}
    : {
        avatarId: await uploadFile(url, token, {
          purpose: 'AVATAR',
          name: `${seller.username}.png`,
          contentType: 'image/png',
          bytes: await avatarPicture(seller.displayName),
        }),
      };
  const profile = await graphql<{ updateProfile: { userErrors: UserError[] } }>(
    url,
    'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { userErrors { field message code } } }',
    {
      input: {
        bio: seller.bio,
        country: seller.country,
        languages: seller.languages,
        skills: seller.skills,
        ...avatar,
      },
    },
    token,
  );
  expectNoUserErrors(`updateProfile ${seller.username}`, profile.updateProfile.userErrors);
  const become = await graphql<{ becomeSeller: { userErrors: UserError[] } }>(
    url,
    'mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { userErrors { field message code } } }',
    { input: { headline: seller.headline, skills: seller.skills, languages: seller.languages } },
    token,
  );
  expectNoUserErrors(`becomeSeller ${seller.username}`, become.becomeSeller.userErrors);
}

/** A gig's full input: BASIC, STANDARD and PREMIUM packages priced and timed from the BASIC one. */
export function gigInput(seller: DemoSeller, gig: DemoGig, imageIds: string[]): Record<string, unknown> {
  const round = (cents: number) => Math.min(1_000_000, Math.round(cents / 500) * 500);
  const [first, second, third] = gig.features;
  return {
    title: gig.title,
    description: `${gig.pitch} ${seller.process}`,
    categorySlug: gig.categorySlug,
    tags: gig.tags,
    // Pictures uploaded through the API (uploadGallery): the demo shows them with no internet.
    imageIds,
    packages: [
      {
        tier: 'BASIC',
        name: 'Basic',
        description: `The essentials: ${first}.`,
        priceCents: gig.basePriceCents,
        deliveryDays: gig.baseDays,
        revisions: 1,
        features: [first],
      },
      {
        tier: 'STANDARD',
        name: 'Standard',
        description: `More complete: ${first} and ${second}.`,
        priceCents: round(gig.basePriceCents * 2.2),
        deliveryDays: Math.min(90, gig.baseDays + 2),
        revisions: 3,
        features: [first, second],
      },
      {
        tier: 'PREMIUM',
        name: 'Premium',
        description: `Everything: ${first}, ${second} and ${third}, with priority support.`,
        priceCents: round(gig.basePriceCents * 4),
        deliveryDays: Math.min(90, gig.baseDays + 5),
        revisions: null,
        features: [first, second, third, 'priority support'],
      },
    ],
    faqs: [
      { question: 'What do you need from me to start?', answer: 'Answer the questions after ordering; I will ask if anything is unclear.' },
      { question: 'Can I ask for changes?', answer: 'Yes: every package includes revisions, Premium as many as you need.' },
    ],
    requirements: [
      { question: 'Describe your project and what you want to achieve.', required: true },
      { question: 'Share links or files that help (examples you like, brand assets).', required: false },
    ],
  };
}

/** A card with the gig's title, made here and uploaded as a GIG_IMAGE file. */
async function uploadGallery(url: string, token: string, title: string): Promise<string[]> {
  const bytes = await gigCard(title, 1);
  return [await uploadFile(url, token, { purpose: 'GIG_IMAGE', name: 'gig.png', contentType: 'image/png', bytes })];
}

function toSeeded(node: GigNode, sellerId: string, created: boolean): SeededGig {
  return {
    id: node.id,
    sellerId,
    slug: node.slug,
    title: node.title,
    categorySlug: node.category.slug,
    status: node.status,
    packages: node.packages.map((p) => ({ tier: p.tier, priceCents: p.price.amountCents, deliveryDays: p.deliveryDays })),
    requirements: node.requirements,
    created,
  };
}

async function seedGigs(url: string, seller: DemoSeller, sellerId: string, token: string, log: SeedLog): Promise<SeededGig[]> {
  // Small pages: the gateway refuses operations over its cost limit.
  const byTitle = new Map<string, GigNode>();
  let after: string | null = null;
  do {
    const mine: { me: { gigs: { edges: Array<{ node: GigNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } =
      await graphql(
        url,
        `query ($after: String) { me { gigs(first: 10, after: $after) { edges { node { ${GIG_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`,
        { after },
        token,
      );
    for (const edge of mine.me.gigs.edges) byTitle.set(edge.node.title, edge.node);
    after = mine.me.gigs.pageInfo.hasNextPage ? mine.me.gigs.pageInfo.endCursor : null;
  } while (after);
  const out: SeededGig[] = [];
  // The new gigs' pictures, uploaded side by side (sharp renders and the checks run meanwhile).
  const galleries = new Map(
    await Promise.all(
      seller.gigs
        .filter((gig) => !byTitle.has(gig.title))
        .map(async (gig) => [gig.title, await uploadGallery(url, token, gig.title)] as const),
    ),
  );
  for (const gig of seller.gigs) {
    let node = byTitle.get(gig.title);
    const created = !node;
    if (!node) {
      const imageIds = galleries.get(gig.title) ?? [];
      const res = await graphql<{ createGig: { gig: GigNode | null; userErrors: UserError[] } }>(
        url,
        `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { ${GIG_FIELDS} } userErrors { field message code } } }`,
        { input: gigInput(seller, gig, imageIds) },
        token,
      );
      expectNoUserErrors(`createGig "${gig.title}"`, res.createGig.userErrors);
      node = res.createGig.gig!;
    }
    if (node.status === 'DRAFT') {
      const res = await graphql<{ publishGig: { gig: { status: string } | null; userErrors: UserError[] } }>(
        url,
        'mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } userErrors { field message code } } }',
        { id: node.id },
        token,
      );
      expectNoUserErrors(`publishGig "${gig.title}"`, res.publishGig.userErrors);
      node = { ...node, status: res.publishGig.gig!.status };
    }
    out.push(toSeeded(node, sellerId, created));
  }
  log(`  ${seller.username}: ${out.filter((g) => g.created).length} gigs created, ${out.filter((g) => !g.created).length} already there`);
  return out;
}

export async function seedDemo(
  gatewayUrl: string = DEFAULT_GATEWAY_URL,
  log: SeedLog = console.log,
  options: { backdateSeller?: BackdateSeller } = {},
): Promise<DemoWorld> {
  log(`Seeding the demo marketplace through ${gatewayUrl}`);
  const world: DemoWorld = { sellers: [], gigs: [] };
  for (const seller of DEMO_SELLERS) {
    const account = await signInOrUp(gatewayUrl, seller);
    await setUpProfile(gatewayUrl, seller, account.accessToken);
    world.sellers.push({
      id: account.id,
      username: seller.username,
      displayName: seller.displayName,
      email: demoEmail(seller.username),
      password: DEMO_PASSWORD,
      accessToken: account.accessToken,
    });
    world.gigs.push(...(await seedGigs(gatewayUrl, seller, account.id, account.accessToken, log)));
  }
  log(
    `Demo marketplace ready: ${world.sellers.length} sellers, ${world.gigs.length} gigs (${world.gigs.filter((g) => g.created).length} new).`,
  );
  await seedDemoOrders(gatewayUrl, world, log, options);
  await seedDemoInbox(gatewayUrl, world, log);
  return world;
}

/**
 * Backdates a seller with the users service's admin command, against the database in `env`
 * (MONGO_URL, else the local database under DATA_DIR, which the command finds running).
 */
export function adminCommandBackdater(env: NodeJS.ProcessEnv): BackdateSeller {
  const usersDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../services/users');
  return async (username, since) => {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=development', 'src/cli/admin.ts', 'seller-since', username, since.toISOString()],
      { cwd: usersDir, env: { ...env, LOG_LEVEL: 'warn' } },
    );
  };
}

export type { BackdateSeller };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env['GATEWAY_URL'] ?? DEFAULT_GATEWAY_URL;
  seedDemo(url, console.log, { backdateSeller: adminCommandBackdater(process.env) }).catch((error: unknown) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Is the stack running (npm start) and GATEWAY_URL right?');
    process.exit(1);
  });
}

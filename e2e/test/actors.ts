import { randomBytes } from 'node:crypto';
import { graphqlRequest, type GraphQLResponse } from '@gigmart/shared/testing';
import type { TestStack } from '@gigmart/stack/testing';

/** A signed-up member, as an end-to-end test drives one: through the gateway, with a real session. */
export interface Actor {
  id: string;
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** A GraphQL request as this member. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

const SESSION_FIELDS = 'session { accessToken refreshToken } user { id username } userErrors { field message code }';

interface AuthPayload {
  session: { accessToken: string; refreshToken: string } | null;
  user: { id: string; username: string } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

/** Any stack: in this process or as child processes. */
type Stack = Pick<TestStack, 'graphqlUrl'>;

export async function signUp(
  stack: Stack,
  overrides: { username?: string; email?: string; password?: string; displayName?: string } = {},
): Promise<Actor> {
  const suffix = randomBytes(4).toString('hex');
  const input = {
    email: overrides.email ?? `member_${suffix}@example.com`,
    password: overrides.password ?? 'correct horse battery',
    username: overrides.username ?? `member_${suffix}`,
    displayName: overrides.displayName ?? `Member ${suffix}`,
  };
  const res = await graphqlRequest<{ signUp: AuthPayload }>(
    stack.graphqlUrl,
    `mutation ($input: SignUpInput!) { signUp(input: $input) { ${SESSION_FIELDS} } }`,
    { input },
  );
  const payload = res.data?.signUp;
  if (!payload?.session || !payload.user) {
    throw new Error(`signUp failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  }
  const actor: Actor = {
    id: payload.user.id,
    username: payload.user.username,
    email: input.email,
    password: input.password,
    accessToken: payload.session.accessToken,
    refreshToken: payload.session.refreshToken,
    gql: (query, variables = {}) => graphqlRequest(stack.graphqlUrl, query, variables, { token: actor.accessToken }),
  };
  return actor;
}

/** Signs up a member and makes them a seller (their access token stays the same). */
export async function signUpSeller(stack: Stack, overrides: Parameters<typeof signUp>[1] = {}): Promise<Actor> {
  const actor = await signUp(stack, overrides);
  const res = await actor.gql<{ becomeSeller: { userErrors: unknown[] } }>(
    `mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { user { id } userErrors { field message code } } }`,
    {
      input: {
        headline: 'I design logos that people remember',
        skills: ['logo design', 'branding'],
        languages: [{ code: 'en', level: 'FLUENT' }],
      },
    },
  );
  if (res.errors || res.data?.becomeSeller.userErrors.length) {
    throw new Error(`becomeSeller failed: ${JSON.stringify(res.errors ?? res.data?.becomeSeller.userErrors)}`);
  }
  return actor;
}

/**
 * Creates and publishes a logo gig as `seller` (one BASIC package: $100, 5 days, 3 revisions,
 * unless `options.basic` says otherwise), and returns its id.
 */
export async function publishLogoGig(
  seller: Actor,
  options: { title?: string; basic?: { priceCents?: number; deliveryDays?: number; revisions?: number } } = {},
): Promise<string> {
  const created = await seller.gql<{ createGig: { gig: { id: string } | null; userErrors: unknown[] } }>(
    'mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { field message code } } }',
    {
      input: {
        title: options.title ?? 'I will design a minimalist logo for your bakery',
        description:
          'A clean, minimalist logo designed from scratch for your bakery. You get two initial concepts, revisions on the one you pick, and the final files in every format you need for print and web.',
        categorySlug: 'logo-design',
        tags: ['logo'],
        packages: [
          {
            tier: 'BASIC',
            name: 'Starter',
            description: 'One concept',
            priceCents: 10_000,
            deliveryDays: 5,
            revisions: 3,
            ...options.basic,
          },
        ],
      },
    },
  );
  const gigId = created.data?.createGig.gig?.id;
  if (!gigId) throw new Error(`createGig failed: ${JSON.stringify(created.errors ?? created.data?.createGig.userErrors)}`);
  const published = await seller.gql<{ publishGig: { gig: { status: string } | null } }>(
    'mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } } }',
    { id: gigId },
  );
  if (published.data?.publishGig.gig?.status !== 'ACTIVE') throw new Error(`publishGig failed: ${JSON.stringify(published)}`);
  return gigId;
}

/** The orders outbox relay's state, as the orders service's `/ready` reports it. */
export async function relayDetail(stack: TestStack): Promise<{ pending: number; oldestPendingAgeMs: number; transport: string }> {
  const body = (await (await fetch(`${stack.urls.orders}/ready`)).json()) as {
    checks: { relay: { detail: { pending: number; oldestPendingAgeMs: number; transport: string } } };
  };
  return body.checks.relay.detail;
}

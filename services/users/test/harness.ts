import { SERVICE_TOKEN_HEADER } from '@gigmart/shared';
import { graphqlClient, TEST_SERVICE_TOKEN, TestClock, testServiceOptions, type Gql } from '@gigmart/shared/testing';
import { startUsersService, type StartedUsersService, type UsersServiceOptions } from '../src/app.js';

/** Cheap scrypt for service tests (the parameters are stored per hash, so any work). */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

export interface TestUsers {
  url: string;
  graphqlUrl: string;
  /** The service's time: `advance` it to test windows and expiry without waiting. */
  clock: TestClock;
  service: StartedUsersService;
  /** `gql(query, variables, { token })` against the service's /graphql. */
  gql: Gql;
  stop(): Promise<void>;
}

/** The users subgraph alone, on a free port and a fresh database of the run's real server. */
export async function startTestUsers(overrides: Partial<UsersServiceOptions> = {}): Promise<TestUsers> {
  const clock = new TestClock();
  const service = await startUsersService({
    ...testServiceOptions('users', { clock: clock.now }),
    scrypt: FAST_SCRYPT,
    // Every test signs its members up from this machine's address: no file may run out of sign-ups.
    // The limit's own tests pass `signUpThrottle: undefined` for the service's default.
    signUpThrottle: { windowMs: 60 * 60_000, perAddress: 1_000_000 },
    ...overrides,
  });
  const graphqlUrl = `${service.url}/graphql`;
  return { url: service.url, graphqlUrl, clock, service, gql: graphqlClient(graphqlUrl), stop: () => service.stop() };
}

/**
 * The headers the gateway sends for a client at `address`: the client's address in
 * `x-forwarded-for`, believed only with the service credential beside it.
 */
export function viaGateway(address: string): Record<string, string> {
  return { 'x-forwarded-for': address, [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN };
}

let counter = 0;
export function uniqueMember(prefix = 'm') {
  const id = `${prefix}${process.pid % 1000}_${Date.now() % 100000}_${counter++}`.slice(0, 20);
  return { email: `${id}@example.com`, password: 'correct horse battery', username: id, displayName: `Member ${id}` };
}

export const AUTH_FIELDS = `
  session { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt }
  user { id username email roles displayName memberSince }
  userErrors { field message code }
`;

export interface AuthPayload {
  session: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string; refreshTokenExpiresAt: string } | null;
  user: { id: string; username: string; email: string | null; roles: string[]; displayName: string; memberSince: string } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

export const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
export const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { ${AUTH_FIELDS} } }`;
export const LOG_OUT = `mutation ($input: LogOutInput!) { logOut(input: $input) { success userErrors { field message code } } }`;

/** Signs a member up and returns the payload, failing loudly if it did not work. */
export async function signUpMember(users: TestUsers, input = uniqueMember()) {
  const res = await users.gql<{ signUp: AuthPayload }>(SIGN_UP, { input });
  const payload = res.data?.signUp;
  if (!payload?.session || !payload.user) throw new Error(`signUp failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return { ...input, id: payload.user.id, session: payload.session };
}

import { graphqlRequest, TEST_SERVICE_TOKEN, testDatabaseName, testLogger, testMongoUri, type GraphQLResponse } from '@gigmart/shared/testing';
import { startUsersService, type StartedUsersService, type UsersServiceOptions } from '../src/app.js';

/** A clock tests move by hand, so time-based rules (throttle windows, expiry) need no waiting. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Cheap scrypt for service tests (the parameters are stored per hash, so any work). */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

export interface TestUsers {
  url: string;
  graphqlUrl: string;
  clock: TestClock;
  service: StartedUsersService;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** The users subgraph alone, on a free port and a fresh database of the run's real server. */
export async function startTestUsers(overrides: Partial<UsersServiceOptions> = {}): Promise<TestUsers> {
  const clock = new TestClock();
  const service = await startUsersService({
    logger: testLogger,
    mongoUri: testMongoUri(),
    port: 0,
    dbName: testDatabaseName('users'),
    serviceToken: TEST_SERVICE_TOKEN,
    urls: { users: 'http://127.0.0.1:1', gigs: 'http://127.0.0.1:1', orders: 'http://127.0.0.1:1' },
    clock: clock.now,
    scrypt: FAST_SCRYPT,
    ...overrides,
  });
  const graphqlUrl = `${service.url}/graphql`;
  return {
    url: service.url,
    graphqlUrl,
    clock,
    service,
    gql: (query, variables = {}, options = {}) => graphqlRequest(graphqlUrl, query, variables, options),
    stop: () => service.stop(),
  };
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

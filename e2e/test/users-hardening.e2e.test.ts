import { randomBytes } from 'node:crypto';
import { SERVICE_TOKEN_HEADER } from '@gigmart/shared';
import { graphqlRequest, TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { SIGN_UP_THROTTLE } from '@gigmart/users';
import { signUp } from './actors.js';

/** Moves every service's clock by hand, so windows pass without waiting. */
class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** To the start of the next 15-minute log-in throttle window (plus a second). */
  nextWindow(): void {
    const window = 15 * 60_000;
    this.advance(window - (this.now().getTime() % window) + 1000);
  }
}

interface AuthPayload {
  session: { accessToken: string } | null;
  user: { id: string } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}
const AUTH = 'session { accessToken } user { id } userErrors { field message code }';
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${AUTH} } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH} } }`;

/**
 * The users service throttles per client address; only the gateway may tell it that address. Here
 * the gateway trusts one proxy hop (TRUST_PROXY_HOPS=1), so each test client's `x-forwarded-for`
 * is its address as the gateway sees it, as behind a load balancer.
 */
describe('the users service counts the client address the gateway vouches for', () => {
  let stack: TestStack;
  const clock = new TestClock();
  const logInFrom = (address: string, login: string, password: string) =>
    graphqlRequest<{ logIn: AuthPayload }>(
      stack.graphqlUrl,
      LOG_IN,
      { input: { login, password } },
      { headers: { 'x-forwarded-for': address } },
    );
  const signUpFrom = (address: string, input: Record<string, string>) =>
    graphqlRequest<{ signUp: AuthPayload }>(stack.graphqlUrl, SIGN_UP, { input }, { headers: { 'x-forwarded-for': address } });
  const fresh = () => {
    const id = randomBytes(4).toString('hex');
    return { email: `hard_${id}@example.com`, password: 'correct horse battery', username: `hard_${id}`, displayName: `Hard ${id}` };
  };

  beforeAll(async () => {
    stack = await startTestStack({
      serviceOptions: { clock: clock.now },
      gatewayEnv: { TRUST_PROXY_HOPS: '1' },
      countSubgraphCalls: true,
      // The users service's real sign-up limit (test stacks raise it).
      usersOptions: { signUpThrottle: SIGN_UP_THROTTLE },
    });
  });
  afterAll(() => stack?.stop());

  it('throttles one client address after 20 failures while another client still logs in', async () => {
    clock.nextWindow();
    const member = await signUp(stack);
    for (let i = 0; i < 20; i++) {
      const res = await logInFrom('203.0.113.5', `ghost_${randomBytes(3).toString('hex')}`, 'wrong password');
      expect(res.data!.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
    }
    expect((await logInFrom('203.0.113.5', member.username, member.password)).data!.logIn.userErrors[0]?.code).toBe('RATE_LIMITED');
    const other = await logInFrom('203.0.113.6', member.username, member.password);
    expect(other.data!.logIn.userErrors).toEqual([]);
    expect(other.data!.logIn.user?.id).toBe(member.id);
  });

  it('sends the users service its own credential beside the address, never what the client sent', async () => {
    await graphqlRequest(
      stack.graphqlUrl,
      '{ me { id } }',
      {},
      { headers: { 'x-forwarded-for': '192.0.2.44', [SERVICE_TOKEN_HEADER]: 'forged-by-the-client' } },
    );
    const received = stack.subgraphCalls!.lastHeaders('users')!;
    expect(received[SERVICE_TOKEN_HEADER]).toBe(TEST_SERVICE_TOKEN);
    expect(received['x-forwarded-for']).toBe('192.0.2.44');
  });

  it('limits sign-up attempts per client address (20 an hour, TAKEN answers included); other clients go on', async () => {
    const hour = 60 * 60_000;
    clock.advance(hour - (clock.now().getTime() % hour) + 1000);
    const first = fresh();
    expect((await signUpFrom('203.0.113.30', first)).data!.signUp.user).not.toBeNull();
    for (let i = 0; i < 19; i++) {
      const res = await signUpFrom('203.0.113.30', { ...fresh(), email: first.email });
      expect(res.data!.signUp.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    }
    const refused = await signUpFrom('203.0.113.30', fresh());
    expect(refused.data!.signUp.user).toBeNull();
    expect(refused.data!.signUp.userErrors).toEqual([
      { field: null, code: 'RATE_LIMITED', message: expect.stringContaining('Too many sign-ups') },
    ]);
    expect((await signUpFrom('203.0.113.31', fresh())).data!.signUp.user).not.toBeNull();
  });
});

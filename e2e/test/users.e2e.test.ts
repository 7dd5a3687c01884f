import { randomBytes } from 'node:crypto';
import { JWKS_PATH, MEMBERS_ROUTE, SERVICE_TOKEN_HEADER, type MembersResponse } from '@gigmart/shared';
import { graphqlRequest, TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpSeller, type Actor } from './actors.js';
import { startTestStack, type TestStack } from '@gigmart/stack/testing';

/** Moves every service's clock by hand, so windows and expiries pass without waiting. */
class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** To the start of the next 15-minute throttle window (plus a second). */
  nextWindow(): void {
    const window = 15 * 60_000;
    this.advance(window - (this.now().getTime() % window) + 1000);
  }
}

interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}
interface SessionView {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}
interface AuthPayload {
  session: SessionView | null;
  user: { id: string; username: string; email: string | null; roles: string[] } | null;
  userErrors: UserErrorView[];
}

const AUTH =
  'session { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt } user { id username email roles } userErrors { field message code }';
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH} } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${AUTH} } }`;
const REFRESH = `mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { ${AUTH} } }`;
const LOG_OUT = 'mutation ($input: LogOutInput!) { logOut(input: $input) { success userErrors { field message code } } }';
const CHANGE_PASSWORD =
  'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } userErrors { field message code } } }';
const BECOME_SELLER =
  'mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { user { id isSeller roles skills sellerProfile { headline sellerSince } } userErrors { field code } } }';

function fresh(prefix = 'e2e') {
  const suffix = randomBytes(4).toString('hex');
  return {
    email: `${prefix}_${suffix}@example.com`,
    password: 'correct horse battery',
    username: `${prefix}_${suffix}`,
    displayName: `E2E ${suffix}`,
  };
}

describe('users through the gateway', () => {
  let stack: TestStack;
  const clock = new TestClock();
  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    graphqlRequest<T>(stack.graphqlUrl, query, variables, token ? { token } : {});
  const logIn = (login: string, password: string) => gql<{ logIn: AuthPayload }>(LOG_IN, { input: { login, password } });
  const refresh = (refreshToken: string) => gql<{ refreshSession: AuthPayload }>(REFRESH, { input: { refreshToken } });

  beforeAll(async () => {
    stack = await startTestStack({ serviceOptions: { clock: clock.now } });
  });
  afterAll(() => stack?.stop());

  describe('sign-up', () => {
    it('signs up a buyer with a session, and me answers with the access token', async () => {
      const input = fresh();
      const res = await gql<{ signUp: AuthPayload }>(SIGN_UP, { input: { ...input, username: input.username.toUpperCase() } });
      expect(res.errors).toBeUndefined();
      const { session, user, userErrors } = res.data!.signUp;
      expect(userErrors).toEqual([]);
      expect(user).toMatchObject({ username: input.username, email: input.email, roles: ['BUYER'] });
      const me = await gql<{ me: { id: string; username: string; email: string; roles: string[]; isSeller: boolean } }>(
        '{ me { id username email roles isSeller } }',
        {},
        session!.accessToken,
      );
      expect(me.data!.me).toEqual({ id: user!.id, username: input.username, email: input.email, roles: ['BUYER'], isSeller: false });
    });

    it('reports every broken rule at once, TAKEN among them', async () => {
      const existing = await signUp(stack);
      const res = await gql<{ signUp: AuthPayload }>(SIGN_UP, {
        input: { email: existing.email, password: '123', username: 'no spaces allowed here', displayName: '' },
      });
      expect(res.data!.signUp.session).toBeNull();
      expect(res.data!.signUp.userErrors.map((e) => `${e.field?.join('.')}:${e.code}`).sort()).toEqual(
        [
          'input.displayName:TOO_SHORT',
          'input.email:TAKEN',
          'input.password:TOO_SHORT',
          'input.username:INVALID',
          'input.username:TOO_LONG',
        ].sort(),
      );
      const taken = await gql<{ signUp: AuthPayload }>(SIGN_UP, { input: { ...fresh(), username: existing.username.toUpperCase() } });
      expect(taken.data!.signUp.userErrors).toEqual([{ field: ['input', 'username'], code: 'TAKEN', message: expect.any(String) }]);
    });

    it('simultaneous sign-ups with one email make one account', async () => {
      const email = fresh().email;
      const results = await Promise.all(
        Array.from({ length: 4 }, () => gql<{ signUp: AuthPayload }>(SIGN_UP, { input: { ...fresh(), email } })),
      );
      const created = results.filter((r) => r.data!.signUp.user);
      expect(created).toHaveLength(1);
      for (const r of results.filter((r) => !r.data!.signUp.user)) {
        expect(r.data!.signUp.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
      }
      expect((await logIn(email, 'correct horse battery')).data!.logIn.user?.id).toBe(created[0]!.data!.signUp.user!.id);
    });
  });

  describe('log-in', () => {
    it('by email or username; unknown login and wrong password look the same', async () => {
      const member = await signUp(stack);
      expect((await logIn(member.email.toUpperCase(), member.password)).data!.logIn.user?.id).toBe(member.id);
      expect((await logIn(member.username, member.password)).data!.logIn.user?.id).toBe(member.id);
      const wrong = await logIn(member.username, 'not the password');
      const unknown = await logIn(`nobody_${randomBytes(3).toString('hex')}`, 'not the password');
      expect(wrong.data!.logIn).toEqual({
        session: null,
        user: null,
        userErrors: [{ field: null, code: 'INVALID_CREDENTIALS', message: expect.any(String) }],
      });
      expect(unknown.data!.logIn).toEqual(wrong.data!.logIn);
    });

    it('throttles an account after 5 failures in 15 minutes, until the window passes', async () => {
      clock.nextWindow();
      const member = await signUp(stack);
      for (let i = 0; i < 5; i++)
        expect((await logIn(member.username, `wrong ${i}`)).data!.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
      const limited = await logIn(member.email, member.password);
      expect(limited.data!.logIn.session).toBeNull();
      expect(limited.data!.logIn.userErrors).toEqual([
        { field: null, code: 'RATE_LIMITED', message: expect.stringContaining('Try again') },
      ]);
      clock.advance(15 * 60_000);
      expect((await logIn(member.email, member.password)).data!.logIn.user?.id).toBe(member.id);
    });

    it('throttles a client address after 20 failures in 15 minutes', async () => {
      clock.nextWindow();
      const member = await signUp(stack);
      for (let i = 0; i < 20; i++) await logIn(`ghost_${i}_${randomBytes(2).toString('hex')}`, 'wrong');
      expect((await logIn(member.username, member.password)).data!.logIn.userErrors[0]?.code).toBe('RATE_LIMITED');
      clock.advance(15 * 60_000);
      expect((await logIn(member.username, member.password)).data!.logIn.userErrors).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('refresh rotates: each refresh token works once, the new access token works', async () => {
      const member = await signUp(stack);
      const next = await refresh(member.refreshToken);
      expect(next.data!.refreshSession.userErrors).toEqual([]);
      const session = next.data!.refreshSession.session!;
      expect(session.refreshToken).not.toBe(member.refreshToken);
      const me = await gql<{ me: { id: string } }>('{ me { id } }', {}, session.accessToken);
      expect(me.data!.me.id).toBe(member.id);
      expect((await refresh(session.refreshToken)).data!.refreshSession.session).not.toBeNull();
    });

    it('reusing a spent refresh token revokes the whole family', async () => {
      const member = await signUp(stack);
      const next = (await refresh(member.refreshToken)).data!.refreshSession.session!;
      const reuse = await refresh(member.refreshToken);
      expect(reuse.data!.refreshSession.userErrors).toEqual([
        { field: ['input', 'refreshToken'], code: 'INVALID', message: expect.stringContaining('already used') },
      ]);
      expect((await refresh(next.refreshToken)).data!.refreshSession.session).toBeNull();
    });

    it('two simultaneous refreshes with one token: at most one succeeds, and the family is revoked', async () => {
      const member = await signUp(stack);
      const results = await Promise.all([refresh(member.refreshToken), refresh(member.refreshToken)]);
      const winners = results.map((r) => r.data!.refreshSession.session).filter((s): s is SessionView => s !== null);
      expect(winners.length).toBeLessThanOrEqual(1);
      expect(results.some((r) => r.data!.refreshSession.userErrors[0]?.code === 'INVALID')).toBe(true);
      for (const winner of winners) expect((await refresh(winner.refreshToken)).data!.refreshSession.session).toBeNull();
    });

    it('logOut ends the family', async () => {
      const member = await signUp(stack);
      const out = await gql<{ logOut: { success: boolean; userErrors: unknown[] } }>(LOG_OUT, {
        input: { refreshToken: member.refreshToken },
      });
      expect(out.data!.logOut).toEqual({ success: true, userErrors: [] });
      expect((await refresh(member.refreshToken)).data!.refreshSession.session).toBeNull();
    });

    it('changePassword checks the current password and ends every other session', async () => {
      const member = await signUp(stack);
      const elsewhere = (await logIn(member.email, member.password)).data!.logIn.session!;
      const wrong = await member.gql<{ changePassword: { user: null; userErrors: UserErrorView[] } }>(CHANGE_PASSWORD, {
        input: { currentPassword: 'nope', newPassword: 'another good password' },
      });
      expect(wrong.data!.changePassword.userErrors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
      const ok = await member.gql<{ changePassword: { user: { id: string }; userErrors: unknown[] } }>(CHANGE_PASSWORD, {
        input: { currentPassword: member.password, newPassword: 'another good password' },
      });
      expect(ok.data!.changePassword).toEqual({ user: { id: member.id }, userErrors: [] });
      expect((await refresh(elsewhere.refreshToken)).data!.refreshSession.session).toBeNull();
      expect((await refresh(member.refreshToken)).data!.refreshSession.session).not.toBeNull();
      expect((await logIn(member.email, 'another good password')).data!.logIn.user?.id).toBe(member.id);
    });

    it('an invalid or expired access token is UNAUTHENTICATED with a message saying so; none is anonymous', async () => {
      const member = await signUp(stack);
      const [h, p] = member.accessToken.split('.');
      const forged = await gql('{ me { id } }', {}, `${h}.${p}.${'A'.repeat(86)}`);
      expect(forged.errors?.[0]).toMatchObject({ message: expect.stringMatching(/invalid/i), extensions: { code: 'UNAUTHENTICATED' } });
      const anonymous = await gql<{ me: null }>('{ me { id } }');
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data).toEqual({ me: null });
    });
  });

  describe('profiles', () => {
    it('email and roles are visible to the member only, via me, user and userByUsername', async () => {
      const alice = await signUp(stack);
      const bob = await signUp(stack);
      const query = 'query ($id: ID!, $u: String!) { user(id: $id) { id email roles } userByUsername(username: $u) { id email roles } }';
      const vars = { id: alice.id, u: alice.username };
      const own = await alice.gql<{ user: { email: string; roles: string[] }; userByUsername: { email: string } }>(query, vars);
      expect(own.data!.user).toEqual({ id: alice.id, email: alice.email, roles: ['BUYER'] });
      expect(own.data!.userByUsername).toEqual({ id: alice.id, email: alice.email, roles: ['BUYER'] });
      const other = await bob.gql(query, vars);
      expect(other.data).toEqual({
        user: { id: alice.id, email: null, roles: [] },
        userByUsername: { id: alice.id, email: null, roles: [] },
      });
      const anonymous = await gql(query, vars);
      expect(anonymous.data).toEqual(other.data);
    });

    it('becomeSeller takes effect at once and a second call keeps sellerSince', async () => {
      const member: Actor = await signUpSeller(stack);
      const me = await member.gql<{ me: { isSeller: boolean; roles: string[]; sellerProfile: { sellerSince: string } } }>(
        '{ me { isSeller roles sellerProfile { sellerSince } } }',
      );
      expect(me.data!.me).toMatchObject({ isSeller: true, roles: ['BUYER', 'SELLER'] });
      clock.advance(60_000);
      const again = await member.gql<{
        becomeSeller: { user: { sellerProfile: { headline: string; sellerSince: string }; skills: string[] } };
      }>(BECOME_SELLER, {
        input: { headline: 'Brand identities that last', skills: ['branding'], languages: [{ code: 'fr', level: 'NATIVE' }] },
      });
      expect(again.data!.becomeSeller.user.sellerProfile).toEqual({
        headline: 'Brand identities that last',
        sellerSince: me.data!.me.sellerProfile.sellerSince,
      });
      expect(again.data!.becomeSeller.user.skills).toEqual(['branding']);
    });
  });

  describe('service endpoints', () => {
    it('the internal members endpoint needs the service credential and answers seller rights', async () => {
      const seller = await signUpSeller(stack);
      const url = new URL(MEMBERS_ROUTE, stack.urls.users);
      const body = JSON.stringify({ ids: [seller.id] });
      const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(anonymous.status).toBe(401);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN },
        body,
      });
      expect(res.status).toBe(200);
      const { members } = (await res.json()) as MembersResponse;
      expect(members).toEqual([
        { id: seller.id, username: seller.username, roles: ['BUYER', 'SELLER'], isSeller: true, sellerSince: expect.any(String) },
      ]);
      const viaGateway = await fetch(new URL(MEMBERS_ROUTE, stack.gatewayUrl), {
        method: 'POST',
        headers: { [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN },
        body,
      });
      expect(viaGateway.status).toBe(404);
    });

    it('the JWKS lists the public key that signed a fresh access token', async () => {
      const member = await signUp(stack);
      const res = await fetch(new URL(JWKS_PATH, stack.urls.users));
      expect(res.status).toBe(200);
      const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
      const { kid, alg } = JSON.parse(Buffer.from(member.accessToken.split('.')[0]!, 'base64url').toString()) as {
        kid: string;
        alg: string;
      };
      expect(alg).toBe('ES256');
      expect(keys.find((k) => k['kid'] === kid)).toEqual({
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid,
        alg: 'ES256',
        use: 'sig',
      });
    });
  });
});

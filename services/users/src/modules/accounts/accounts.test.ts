import { randomBytes } from 'node:crypto';
import { SERVICE_TOKEN_HEADER } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS } from './passwords.js';
import {
  FAST_SCRYPT,
  LOG_IN,
  SIGN_UP,
  signUpMember,
  startTestUsers,
  uniqueMember,
  viaGateway,
  type AuthPayload,
  type TestUsers,
} from '../../../test/harness.js';

type SignUpResult = { signUp: AuthPayload };
type LogInResult = { logIn: AuthPayload };

describe('accounts', () => {
  let users: TestUsers;
  beforeAll(async () => {
    users = await startTestUsers();
  });
  afterAll(() => users?.stop());

  /** A log-in through the gateway for a client at `address` (the gateway forwards it, with the service credential). */
  const logIn = (login: string, password: string, address = '203.0.113.1') =>
    users.gql<LogInResult>(LOG_IN, { input: { login, password } }, { headers: viaGateway(address) });
  /** To the start of the next 15-minute throttle window (plus a second), so a test's attempts share one window. */
  const nextWindow = () => {
    const now = users.clock.now().getTime();
    users.clock.advance(15 * 60_000 - (now % (15 * 60_000)) + 1000);
  };

  describe('signUp', () => {
    it('creates a BUYER with a session; the email is lowercased and the username case-insensitive', async () => {
      const input = uniqueMember('su');
      const res = await users.gql<SignUpResult>(SIGN_UP, {
        input: { ...input, email: input.email.toUpperCase(), username: input.username.toUpperCase() },
      });
      expect(res.errors).toBeUndefined();
      const { session, user, userErrors } = res.data!.signUp;
      expect(userErrors).toEqual([]);
      expect(user).toMatchObject({ username: input.username, email: input.email, roles: ['BUYER'], displayName: input.displayName });
      expect(session?.accessToken.split('.')).toHaveLength(3);
      expect(session?.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await users.service.models.User.findById(user!.id).lean();
      expect(stored).not.toHaveProperty('password');
      expect(JSON.stringify(stored)).not.toContain(input.password);
      const credential = await users.service.models.Credential.findById(user!.id).lean();
      expect(credential).toMatchObject({ algorithm: 'scrypt', ...FAST_SCRYPT });
    });

    it('reports every broken rule at once, TAKEN among them', async () => {
      const existing = await signUpMember(users);
      const res = await users.gql<SignUpResult>(SIGN_UP, {
        input: { email: existing.email.toUpperCase(), password: 'short', username: existing.username, displayName: '' },
      });
      expect(res.data!.signUp.session).toBeNull();
      expect(res.data!.signUp.user).toBeNull();
      expect(res.data!.signUp.userErrors.map((e) => [e.field, e.code]).sort()).toEqual(
        [
          [['input', 'email'], 'TAKEN'],
          [['input', 'password'], 'TOO_SHORT'],
          [['input', 'username'], 'TAKEN'],
          [['input', 'displayName'], 'TOO_SHORT'],
        ].sort(),
      );
    });

    it('refuses common, blank, control-character and name-bearing passwords (INVALID), and makes no account', async () => {
      const base = uniqueMember('pw');
      const localPart = `grace.hopper.${randomBytes(3).toString('hex')}`;
      const cases: Array<[string, Record<string, string>]> = [
        ['a top common password', { password: '12345678' }],
        ['"password"', { password: 'password' }],
        ['"password" in capitals', { password: 'PASSWORD' }],
        ['eight spaces', { password: ' '.repeat(8) }],
        ['eight NUL characters', { password: '\u0000'.repeat(8) }],
        ['a NUL inside', { password: 'correct\u0000horse battery' }],
        ['the username itself', { password: base.username }],
        ['the username inside, in capitals', { password: `My ${base.username.toUpperCase()} 2026!` }],
        ["the email's local part inside", { email: `${localPart}@example.com`, password: `${localPart.toUpperCase()}-pw` }],
      ];
      for (const [name, override] of cases) {
        const res = await users.gql<SignUpResult>(SIGN_UP, { input: { ...base, ...override } });
        expect(res.data!.signUp.user, name).toBeNull();
        expect(res.data!.signUp.userErrors, name).toEqual([expect.objectContaining({ field: ['input', 'password'], code: 'INVALID' })]);
      }
      expect(await users.service.models.User.countDocuments({ username: base.username })).toBe(0);
    });

    it('makes one account of simultaneous sign-ups with one email; the others get TAKEN', async () => {
      const email = uniqueMember('race').email;
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => users.gql<SignUpResult>(SIGN_UP, { input: { ...uniqueMember(`r${i}`), email } })),
      );
      const payloads = results.map((r) => r.data!.signUp);
      expect(payloads.filter((p) => p.user)).toHaveLength(1);
      for (const failed of payloads.filter((p) => !p.user)) {
        expect(failed.userErrors).toEqual([expect.objectContaining({ field: ['input', 'email'], code: 'TAKEN' })]);
      }
      expect(await users.service.models.User.countDocuments({ email })).toBe(1);
    });

    it('makes one account of simultaneous sign-ups with one username', async () => {
      const username = uniqueMember('ru').username;
      const results = await Promise.all(
        Array.from({ length: 4 }, () => users.gql<SignUpResult>(SIGN_UP, { input: { ...uniqueMember('x'), username } })),
      );
      expect(results.filter((r) => r.data!.signUp.user)).toHaveLength(1);
      for (const r of results.filter((r) => !r.data!.signUp.user)) {
        expect(r.data!.signUp.userErrors).toEqual([expect.objectContaining({ field: ['input', 'username'], code: 'TAKEN' })]);
      }
      expect(await users.service.models.User.countDocuments({ username })).toBe(1);
    });
  });

  describe('sign-up limit per client address', () => {
    // The service's own default limit (the harness raises it for the other tests).
    let limited: TestUsers;
    beforeAll(async () => {
      limited = await startTestUsers({ signUpThrottle: undefined });
    });
    afterAll(() => limited?.stop());
    const signUpFrom = (address: string, input: Record<string, string>) =>
      limited.gql<SignUpResult>(SIGN_UP, { input }, { headers: viaGateway(address) });

    it('refuses the 21st sign-up attempt from one address within the hour, whatever the attempts were; other addresses go on', async () => {
      const hour = 60 * 60_000;
      const now = limited.clock.now().getTime();
      limited.clock.advance(hour - (now % hour) + 1000);
      const address = '203.0.113.70';
      const existing = uniqueMember('lim');
      expect((await signUpFrom(address, existing)).data!.signUp.userErrors).toEqual([]);
      // TAKEN answers (what enumeration looks for) and broken input count like sign-ups.
      for (let i = 0; i < 9; i++)
        expect((await signUpFrom(address, { ...uniqueMember('lim'), email: existing.email })).data!.signUp.userErrors[0]?.code).toBe(
          'TAKEN',
        );
      for (let i = 0; i < 5; i++)
        expect((await signUpFrom(address, { ...uniqueMember('lim'), password: 'short' })).data!.signUp.userErrors[0]?.code).toBe(
          'TOO_SHORT',
        );
      for (let i = 0; i < 5; i++) expect((await signUpFrom(address, uniqueMember('lim'))).data!.signUp.user).not.toBeNull();

      const refused = await signUpFrom(address, { ...uniqueMember('lim'), email: existing.email });
      expect(refused.data!.signUp).toEqual({
        session: null,
        user: null,
        userErrors: [
          {
            field: null,
            code: 'RATE_LIMITED',
            message: expect.stringMatching(/^Too many sign-ups from your network\. Try again in \d+ minutes?\.$/),
          },
        ],
      });
      expect((await signUpFrom(address, uniqueMember('lim'))).data!.signUp.userErrors[0]?.code).toBe('RATE_LIMITED');
      expect((await signUpFrom('203.0.113.71', uniqueMember('lim'))).data!.signUp.user).not.toBeNull();
      limited.clock.advance(hour);
      expect((await signUpFrom(address, uniqueMember('lim'))).data!.signUp.user).not.toBeNull();
    });

    it('lets no more than 20 of 40 simultaneous attempts from one address through', async () => {
      const hour = 60 * 60_000;
      const now = limited.clock.now().getTime();
      limited.clock.advance(hour - (now % hour) + 1000);
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signUpFrom('198.51.100.90', uniqueMember(`p${i}`))));
      expect(results.filter((r) => r.data!.signUp.user)).toHaveLength(20);
      expect(results.filter((r) => r.data!.signUp.userErrors[0]?.code === 'RATE_LIMITED')).toHaveLength(20);
    });
  });

  describe('logIn', () => {
    it('works by email and by username, in any case', async () => {
      const member = await signUpMember(users);
      for (const login of [member.email, member.username.toUpperCase(), ` ${member.email.toUpperCase()} `]) {
        const res = await logIn(login, member.password, '198.51.100.7');
        expect(res.data!.logIn.userErrors).toEqual([]);
        expect(res.data!.logIn.user?.id).toBe(member.id);
        expect(res.data!.logIn.session?.accessToken).toBeTruthy();
      }
    });

    it('gives the same INVALID_CREDENTIALS for an unknown login and a wrong password', async () => {
      const member = await signUpMember(users);
      const wrong = await logIn(member.username, 'wrong password', '198.51.100.8');
      const unknown = await logIn('nobody_here_at_all', 'wrong password', '198.51.100.8');
      expect(wrong.data!.logIn).toEqual({
        session: null,
        user: null,
        userErrors: [{ field: null, code: 'INVALID_CREDENTIALS', message: 'The login or the password is wrong.' }],
      });
      expect(unknown.data!.logIn).toEqual(wrong.data!.logIn);
    });

    it('refuses a sixth attempt on one account within 15 minutes, even with the right password, until the window passes', async () => {
      const member = await signUpMember(users);
      // Start at a fresh window so the five failures cannot straddle two.
      nextWindow();
      for (let i = 0; i < 5; i++) {
        // Different addresses: the account's own limit is what is tested.
        expect((await logIn(member.email, `wrong ${i}`, `192.0.2.${i}`)).data!.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
      }
      const limited = await logIn(member.username, member.password, '192.0.2.99');
      expect(limited.data!.logIn.session).toBeNull();
      expect(limited.data!.logIn.userErrors).toHaveLength(1);
      expect(limited.data!.logIn.userErrors[0]).toMatchObject({ field: null, code: 'RATE_LIMITED' });
      expect(limited.data!.logIn.userErrors[0]!.message).toMatch(/^Too many failed log-in attempts\. Try again in \d+ minutes?\.$/);
      users.clock.advance(15 * 60_000);
      const after = await logIn(member.username, member.password, '192.0.2.99');
      expect(after.data!.logIn.userErrors).toEqual([]);
      expect(after.data!.logIn.user?.id).toBe(member.id);
    });

    it('refuses a client address after 20 failures within 15 minutes, for every account', async () => {
      const member = await signUpMember(users);
      nextWindow();
      const address = '198.51.100.200';
      for (let i = 0; i < 20; i++) {
        expect((await logIn(`ghost_${i}`, 'wrong password', address)).data!.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
      }
      expect((await logIn(member.email, member.password, address)).data!.logIn.userErrors[0]?.code).toBe('RATE_LIMITED');
      expect((await logIn(member.email, member.password, '198.51.100.201')).data!.logIn.userErrors).toEqual([]);
      users.clock.advance(15 * 60_000);
      expect((await logIn(member.email, member.password, address)).data!.logIn.userErrors).toEqual([]);
    });

    it('counts a caller without the service credential by its connection, whatever x-forwarded-for it claims', async () => {
      nextWindow();
      const member = await signUpMember(users);
      for (let i = 0; i < 20; i++) {
        const res = await users.gql<LogInResult>(
          LOG_IN,
          { input: { login: `ghost_xff_${i}`, password: 'wrong' } },
          { headers: { 'x-forwarded-for': `203.0.113.${i}` } },
        );
        expect(res.data!.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
      }
      // A new address claimed, with a wrong credential or none: still this connection, used up.
      const forged: Array<Record<string, string>> = [
        { 'x-forwarded-for': '198.51.100.77' },
        { 'x-forwarded-for': '198.51.100.78', [SERVICE_TOKEN_HEADER]: 'x'.repeat(TEST_SERVICE_TOKEN.length) },
      ];
      for (const headers of forged) {
        const res = await users.gql<LogInResult>(LOG_IN, { input: { login: member.username, password: member.password } }, { headers });
        expect(res.data!.logIn.userErrors[0]?.code).toBe('RATE_LIMITED');
      }
      // The gateway, with the credential, speaks for its client: that client's own address counts.
      expect((await logIn(member.username, member.password, '198.51.100.77')).data!.logIn.userErrors).toEqual([]);
    });

    it('throttles an unknown login like an account, so the refusal tells nothing', async () => {
      nextWindow();
      for (let i = 0; i < 5; i++) await logIn('ghost_account', 'wrong', `192.0.2.${100 + i}`);
      expect((await logIn('ghost_account', 'wrong', '192.0.2.150')).data!.logIn.userErrors[0]?.code).toBe('RATE_LIMITED');
    });
  });

  describe('simultaneous log-in attempts', () => {
    // Production's scrypt cost, so that checks overlap as they do in production (about 0.1 s each).
    let slow: TestUsers;
    beforeAll(async () => {
      slow = await startTestUsers({ scrypt: DEFAULT_SCRYPT_PARAMS });
      const now = slow.clock.now().getTime();
      slow.clock.advance(15 * 60_000 - (now % (15 * 60_000)) + 1000);
    });
    afterAll(() => slow?.stop());
    const attempt = (login: string, password: string, address: string) =>
      slow.gql<LogInResult>(LOG_IN, { input: { login, password } }, { headers: viaGateway(address) });

    it('checks at most 5 of 30 simultaneous wrong passwords for one account; the others are RATE_LIMITED', async () => {
      const member = await signUpMember(slow);
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(member.username, `wrong guess ${i}`, `192.0.2.${i}`)));
      const codes = results.map((r) => r.data!.logIn.userErrors[0]?.code);
      expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(25);
    });

    it('does not log in with the right password as the 45th of 60 simultaneous guesses', async () => {
      const member = await signUpMember(slow);
      const guesses = Array.from({ length: 60 }, (_, i) => (i === 44 ? member.password : `wrong guess ${i}`));
      const results = await Promise.all(guesses.map((password, i) => attempt(member.email, password, `198.51.100.${i}`)));
      expect(results.flatMap((r, i) => (r.data!.logIn.session ? [i] : []))).toEqual([]);
      const codes = results.map((r) => r.data!.logIn.userErrors[0]?.code);
      expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(55);
    });

    it('checks at most 5 of 20 simultaneous changePassword calls with a wrong current password', async () => {
      const member = await signUpMember(slow);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          slow.gql<{ changePassword: { userErrors: Array<{ code: string }> } }>(
            'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userErrors { code } } }',
            { input: { currentPassword: `wrong guess ${i}`, newPassword: 'a brand new password' } },
            { token: member.session.accessToken, headers: viaGateway(`203.0.113.${i}`) },
          ),
        ),
      );
      const codes = results.map((r) => r.data!.changePassword.userErrors[0]?.code);
      expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(15);
    });
  });

  describe('changePassword', () => {
    const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } userErrors { field code } } }`;
    const REFRESH = `mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { session { refreshToken } userErrors { code } } }`;

    it('needs the current password, then ends every other session and keeps this one', async () => {
      const member = await signUpMember(users);
      const other = (await logIn(member.username, member.password, '198.51.100.50')).data!.logIn.session!;
      const token = member.session.accessToken;

      const wrong = await users.gql<{ changePassword: { user: unknown; userErrors: unknown[] } }>(
        CHANGE,
        { input: { currentPassword: 'not it', newPassword: 'short' } },
        { token },
      );
      expect(wrong.data!.changePassword).toEqual({
        user: null,
        userErrors: [
          { field: ['input', 'currentPassword'], code: 'INVALID_CREDENTIALS' },
          { field: ['input', 'newPassword'], code: 'TOO_SHORT' },
        ],
      });

      const ok = await users.gql<{ changePassword: { user: { id: string }; userErrors: unknown[] } }>(
        CHANGE,
        { input: { currentPassword: member.password, newPassword: 'a brand new password' } },
        { token },
      );
      expect(ok.data!.changePassword).toEqual({ user: { id: member.id }, userErrors: [] });

      const otherRefresh = await users.gql<{ refreshSession: { session: unknown; userErrors: Array<{ code: string }> } }>(REFRESH, {
        t: other.refreshToken,
      });
      expect(otherRefresh.data!.refreshSession.session).toBeNull();
      const ownRefresh = await users.gql<{ refreshSession: { session: unknown } }>(REFRESH, { t: member.session.refreshToken });
      expect(ownRefresh.data!.refreshSession.session).not.toBeNull();

      expect((await logIn(member.email, member.password, '198.51.100.51')).data!.logIn.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
      expect((await logIn(member.email, 'a brand new password', '198.51.100.51')).data!.logIn.user?.id).toBe(member.id);
    });

    it('holds the new password to the sign-up rules: not common, not the username, no control characters', async () => {
      const member = await signUpMember(users);
      for (const newPassword of ['12345678', `${member.username}-2026`, 'a new\u0000password']) {
        const res = await users.gql<{ changePassword: { user: unknown; userErrors: unknown[] } }>(
          CHANGE,
          { input: { currentPassword: member.password, newPassword } },
          { token: member.session.accessToken, headers: viaGateway('198.51.100.60') },
        );
        expect(res.data!.changePassword, newPassword).toEqual({
          user: null,
          userErrors: [{ field: ['input', 'newPassword'], code: 'INVALID' }],
        });
      }
      expect((await logIn(member.email, member.password, '198.51.100.61')).data!.logIn.user?.id).toBe(member.id);
    });

    it('is for signed-in members only', async () => {
      const res = await users.gql(CHANGE, { input: { currentPassword: 'a', newPassword: 'bbbbbbbbbb' } });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });

  describe('access tokens on requests', () => {
    it('no token: anonymous, me is null', async () => {
      const res = await users.gql('{ me { id } }');
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ me: null });
    });

    it('a forged, malformed or expired token: UNAUTHENTICATED saying so', async () => {
      const member = await signUpMember(users);
      const [header, payload] = member.session.accessToken.split('.');
      const tampered = `${header}.${payload}.${'A'.repeat(86)}`;
      const forged = await users.gql('{ me { id } }', {}, { token: tampered });
      expect(forged.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(forged.errors?.[0]?.message).toMatch(/Your access token is invalid\.$/);
      const garbage = await users.gql('{ me { id } }', {}, { headers: { authorization: 'Token abc' } });
      expect(garbage.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });
});

import { JWKS_PATH } from '@gigmart/shared';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_IN, LOG_OUT, REFRESH, signUpMember, startTestUsers, type AuthPayload, type TestUsers } from '../../../test/harness.js';
import { hashRefreshToken, REFRESH_REFUSALS, REFRESH_TOKEN_TTL_MS } from './rules.js';

/** The claims of an access token, unverified. */
const claimsOf = (token: string) => jwt.decode(token, { json: true })!;

type RefreshResult = { refreshSession: AuthPayload };
type LogOutResult = { logOut: { success: boolean; userErrors: Array<{ field: string[] | null; code: string }> } };

describe('sessions', () => {
  let users: TestUsers;
  beforeAll(async () => {
    users = await startTestUsers({ cleanupIntervalMs: 3_600_000 });
  });
  afterAll(() => users?.stop());

  const refresh = (token: string) => users.gql<RefreshResult>(REFRESH, { input: { refreshToken: token } });

  it('rotation: a refresh token works once and gives a new session for the same member', async () => {
    const member = await signUpMember(users);
    const first = await refresh(member.session.refreshToken);
    const payload = first.data!.refreshSession;
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toMatchObject({ id: member.id, email: member.email, roles: ['BUYER'] });
    expect(payload.session!.refreshToken).not.toBe(member.session.refreshToken);
    expect(claimsOf(payload.session!.accessToken).sub).toBe(member.id);
    expect(claimsOf(payload.session!.accessToken).sid).toBe(claimsOf(member.session.accessToken).sid);
    const expiresIn = new Date(payload.session!.refreshTokenExpiresAt).getTime() - users.clock.now().getTime();
    expect(Math.abs(expiresIn - REFRESH_TOKEN_TTL_MS)).toBeLessThan(60_000);

    const me = await users.gql<{ me: { id: string } }>('{ me { id } }', {}, { token: payload.session!.accessToken });
    expect(me.data!.me.id).toBe(member.id);

    const second = await refresh(payload.session!.refreshToken);
    expect(second.data!.refreshSession.session).not.toBeNull();
  });

  it('stores only a hash of the refresh token', async () => {
    const member = await signUpMember(users);
    const stored = await users.service.models.Session.find({ userId: member.id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashRefreshToken(member.session.refreshToken));
    expect(JSON.stringify(stored)).not.toContain(member.session.refreshToken);
  });

  it('reuse of a spent token revokes the whole family, including the token it was traded for', async () => {
    const member = await signUpMember(users);
    const next = (await refresh(member.session.refreshToken)).data!.refreshSession.session!;
    const reused = await refresh(member.session.refreshToken);
    expect(reused.data!.refreshSession).toEqual({
      session: null,
      user: null,
      userErrors: [{ field: ['input', 'refreshToken'], code: 'INVALID', message: REFRESH_REFUSALS.reused }],
    });
    expect((await refresh(next.refreshToken)).data!.refreshSession.session).toBeNull();
    // Another log-in of the same member is a different family and goes on.
    const other = await users.gql<{ logIn: AuthPayload }>(LOG_IN, { input: { login: member.email, password: member.password } });
    expect((await refresh(other.data!.logIn.session!.refreshToken)).data!.refreshSession.session).not.toBeNull();
  });

  it('two simultaneous refreshes with one token: at most one succeeds and the family is revoked', async () => {
    for (let round = 0; round < 3; round++) {
      const member = await signUpMember(users);
      const results = await Promise.all([refresh(member.session.refreshToken), refresh(member.session.refreshToken)]);
      const won = results.map((r) => r.data!.refreshSession.session).filter((s) => s !== null);
      expect(won.length).toBeLessThanOrEqual(1);
      for (const session of won) expect((await refresh(session.refreshToken)).data!.refreshSession.session).toBeNull();
      const familyId = claimsOf(member.session.accessToken)['sid'] as string;
      expect(await users.service.models.FamilyRevocation.findById(familyId).lean()).toMatchObject({ reason: 'reuse' });
    }
  });

  it('an unknown token is INVALID and harms nobody; an expired one is INVALID', async () => {
    expect((await refresh('not-a-token')).data!.refreshSession.userErrors[0]).toMatchObject({
      code: 'INVALID',
      message: REFRESH_REFUSALS.unknown,
    });
    const member = await signUpMember(users);
    users.clock.advance(REFRESH_TOKEN_TTL_MS + 60_000);
    const expired = await refresh(member.session.refreshToken);
    expect(expired.data!.refreshSession.userErrors[0]).toMatchObject({ code: 'INVALID', message: REFRESH_REFUSALS.expired });
  });

  it('logOut revokes the family: neither the token nor its successors refresh any more', async () => {
    const member = await signUpMember(users);
    const next = (await refresh(member.session.refreshToken)).data!.refreshSession.session!;
    const out = await users.gql<LogOutResult>(LOG_OUT, { input: { refreshToken: next.refreshToken } });
    expect(out.data!.logOut).toEqual({ success: true, userErrors: [] });
    expect((await refresh(next.refreshToken)).data!.refreshSession.session).toBeNull();
    const unknown = await users.gql<LogOutResult>(LOG_OUT, { input: { refreshToken: 'nope' } });
    expect(unknown.data!.logOut).toEqual({
      success: false,
      userErrors: [{ field: ['input', 'refreshToken'], code: 'INVALID', message: REFRESH_REFUSALS.unknown }],
    });
  });

  it('the cleanup job deletes sessions that ended long ago and keeps live ones', async () => {
    const ended = await signUpMember(users);
    await users.gql(LOG_OUT, { input: { refreshToken: ended.session.refreshToken } });
    users.clock.advance(8 * 24 * 60 * 60_000);
    const live = await signUpMember(users);
    const endedFamily = claimsOf(ended.session.accessToken)['sid'] as string;
    expect(await users.service.models.FamilyRevocation.countDocuments({ _id: endedFamily })).toBe(1);
    await users.service.runCleanup();
    expect(await users.service.models.Session.countDocuments({ userId: ended.id })).toBe(0);
    expect(await users.service.models.FamilyRevocation.countDocuments({ _id: endedFamily })).toBe(0);
    expect(await users.service.models.Session.countDocuments({ userId: live.id })).toBe(1);
    expect((await refresh(live.session.refreshToken)).data!.refreshSession.session).not.toBeNull();
  });

  it('publishes the JWKS: public EC keys with kid, no private parts', async () => {
    const res = await fetch(new URL(JWKS_PATH, users.url));
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(typeof key['kid']).toBe('string');
      expect(key).not.toHaveProperty('d');
    }
    const member = await signUpMember(users);
    const { kid } = JSON.parse(Buffer.from(member.session.accessToken.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(jwks.keys.map((k) => k['kid'])).toContain(kid);
  });
});

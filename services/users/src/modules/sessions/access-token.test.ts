import { generateKeyPairSync } from 'node:crypto';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, createAccessTokenVerifier } from '@gigmart/shared';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, createAccessTokenSigner, sessionIdOfVerifiedToken } from './access-token.js';
import { generateSigningKeys } from './keys.js';

describe('access tokens', () => {
  it('carry sub, roles, sid, iss, aud, iat, exp (15 min) and a unique jti, with the kid in the header', async () => {
    const keys = await generateSigningKeys();
    const sign = createAccessTokenSigner(keys);
    const now = new Date();
    const a = await sign({ userId: 'u1', roles: ['BUYER', 'SELLER'], sessionId: 'f1' }, now);
    const b = await sign({ userId: 'u1', roles: ['BUYER'], sessionId: 'f1' }, now);
    const claims = decodeJwt(a.token);
    const iat = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({ sub: 'u1', roles: ['BUYER', 'SELLER'], sid: 'f1', iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, iat });
    expect(claims.exp).toBe(iat + ACCESS_TOKEN_TTL_SECONDS);
    expect(a.expiresAt.getTime()).toBe(claims.exp! * 1000);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeJwt(b.token).jti).not.toBe(claims.jti);
    expect(decodeProtectedHeader(a.token)).toEqual({ alg: 'ES256', kid: keys.kid, typ: 'JWT' });
  });

  it('verify with the published public keys, and not after the key is gone from them', async () => {
    const keys = await generateSigningKeys();
    const other = await generateSigningKeys();
    const { token } = await createAccessTokenSigner(keys)({ userId: 'u1', roles: ['BUYER'], sessionId: 'f1' }, new Date());
    const verify = createAccessTokenVerifier({ keys: createLocalJWKSet(keys.jwks) });
    await expect(verify(token)).resolves.toMatchObject({ id: 'u1', roles: ['BUYER'] });
    const verifyOther = createAccessTokenVerifier({ keys: createLocalJWKSet(other.jwks) });
    await expect(verifyOther(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are refused when expired, or signed by a key with the same kid that is not ours', async () => {
    const keys = await generateSigningKeys();
    const verify = createAccessTokenVerifier({ keys: createLocalJWKSet(keys.jwks) });
    const old = await createAccessTokenSigner(keys)({ userId: 'u1', roles: [], sessionId: 'f' }, new Date(Date.now() - 16 * 60_000));
    await expect(verify(old.token)).rejects.toThrow(/expired/);
    const { privateKey: forgerKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setSubject('u1')
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setJti('x')
      .setExpirationTime('15m')
      .sign(forgerKey);
    await expect(verify(forged)).rejects.toThrow(/invalid/);
  });

  it('give their session id to the context', async () => {
    const keys = await generateSigningKeys();
    const { token } = await createAccessTokenSigner(keys)({ userId: 'u1', roles: [], sessionId: 'fam' }, new Date());
    expect(sessionIdOfVerifiedToken(`Bearer ${token}`)).toBe('fam');
    expect(sessionIdOfVerifiedToken(undefined)).toBeNull();
    expect(sessionIdOfVerifiedToken('Bearer garbage')).toBeNull();
  });
});

import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, createAccessTokenVerifier } from '@gigmart/shared';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, createAccessTokenSigner, sessionIdOfVerifiedToken } from './access-token.js';
import { generateSigningKeys, signingKeysFrom } from './keys.js';

const subject = { userId: 'u1', roles: ['BUYER' as const], sessionId: 'f1' };

/** Base64url JSON, for hand-made tokens. */
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens', () => {
  it('carry sub, roles, sid, iss, aud, iat, exp (15 min) and a unique jti, with the kid in the header', () => {
    const keys = generateSigningKeys();
    const sign = createAccessTokenSigner(keys);
    const now = new Date();
    const a = sign({ userId: 'u1', roles: ['BUYER', 'SELLER'], sessionId: 'f1' }, now);
    const b = sign({ userId: 'u1', roles: ['BUYER'], sessionId: 'f1' }, now);
    const claims = jwt.decode(a.token, { json: true })!;
    const iat = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({
      sub: 'u1',
      roles: ['BUYER', 'SELLER'],
      sid: 'f1',
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      iat,
    });
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'roles', 'sid', 'sub']);
    expect(claims.exp).toBe(iat + ACCESS_TOKEN_TTL_SECONDS);
    expect(a.expiresAt.getTime()).toBe(claims.exp! * 1000);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(jwt.decode(b.token, { json: true })!.jti).not.toBe(claims.jti);
    expect(jwt.decode(a.token, { complete: true })!.header).toEqual({ alg: 'ES256', kid: keys.kid, typ: 'JWT' });
  });

  it('verify with the published public keys, and not after the key is gone from them', async () => {
    const keys = generateSigningKeys();
    const other = generateSigningKeys();
    const { token } = createAccessTokenSigner(keys)(subject, new Date());
    const verify = createAccessTokenVerifier({ jwks: keys.jwks });
    await expect(verify(token)).resolves.toMatchObject({ id: 'u1', roles: ['BUYER'] });
    const verifyOther = createAccessTokenVerifier({ jwks: other.jwks });
    await expect(verifyOther(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('signed with a previous key still verify while that key is published (rotation)', async () => {
    const previous = generateSigningKeys();
    const { token } = createAccessTokenSigner(previous)(subject, new Date());
    const rotated = generateSigningKeys([createPublicKey(previous.privateKey)]);
    expect(rotated.kid).not.toBe(previous.kid);
    await expect(createAccessTokenVerifier({ jwks: rotated.jwks })(token)).resolves.toMatchObject({ id: 'u1' });
    // New tokens carry the new key's kid.
    expect(jwt.decode(createAccessTokenSigner(rotated)(subject, new Date()).token, { complete: true })!.header.kid).toBe(rotated.kid);
  });

  it('are refused when expired, or signed by a key with the same kid that is not ours', async () => {
    const keys = generateSigningKeys();
    const verify = createAccessTokenVerifier({ jwks: keys.jwks });
    const old = createAccessTokenSigner(keys)({ userId: 'u1', roles: [], sessionId: 'f' }, new Date(Date.now() - 16 * 60_000));
    await expect(verify(old.token)).rejects.toThrow(/expired/);
    const { privateKey: forgerKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = jwt.sign({ roles: ['ADMIN'] }, forgerKey, {
      algorithm: 'ES256',
      keyid: keys.kid,
      subject: 'u1',
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      jwtid: 'x',
      expiresIn: '15m',
    });
    await expect(verify(forged)).rejects.toThrow(/invalid/);
  });

  it('are refused unsigned (alg none), as an HMAC made with the public key, or with another algorithm', async () => {
    const keys = generateSigningKeys();
    const verify = createAccessTokenVerifier({ jwks: keys.jwks });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'u1',
      roles: ['ADMIN'],
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      iat: now,
      exp: now + 600,
      jti: 'j',
    };
    const unsigned = `${part({ alg: 'none', kid: keys.kid })}.${part(claims)}.`;
    await expect(verify(unsigned)).rejects.toThrow('Your access token is invalid.');
    // Key confusion: the published public key used as an HMAC secret.
    const publicPem = createPublicKey(keys.privateKey).export({ format: 'pem', type: 'spki' });
    const hmac = jwt.sign(claims, publicPem, { algorithm: 'HS256', keyid: keys.kid });
    await expect(verify(hmac)).rejects.toThrow('Your access token is invalid.');
    // The right key, but a header that claims another algorithm.
    const es384Header = `${part({ alg: 'ES384', kid: keys.kid, typ: 'JWT' })}`;
    const [, payload, signature] = createAccessTokenSigner(keys)(subject, new Date()).token.split('.');
    await expect(verify(`${es384Header}.${payload}.${signature}`)).rejects.toThrow('Your access token is invalid.');
  });

  it('are refused for another issuer or audience, or without sub, jti, iat or exp', async () => {
    const keys = generateSigningKeys();
    const verify = createAccessTokenVerifier({ jwks: keys.jwks });
    const sign = (claims: object, options: jwt.SignOptions = {}) =>
      jwt.sign(claims, keys.privateKey, { algorithm: 'ES256', keyid: keys.kid, ...options });
    const full = { issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, subject: 'u1', jwtid: 'j', expiresIn: 600 } as const;
    await expect(verify(sign({ roles: ['BUYER'] }, full))).resolves.toEqual({ id: 'u1', roles: ['BUYER'], tokenId: 'j' });
    const { issuer, audience, subject, jwtid, expiresIn } = full;
    for (const options of [
      { ...full, issuer: 'someone-else' },
      { ...full, audience: 'another-audience' },
      { issuer, audience, jwtid, expiresIn },
      { issuer, audience, subject, expiresIn },
      { issuer, audience, subject, jwtid },
      { ...full, noTimestamp: true },
    ]) {
      await expect(verify(sign({ roles: ['BUYER'] }, options)), JSON.stringify(options)).rejects.toThrow('Your access token is invalid.');
    }
  });

  it('keep only the roles there are', async () => {
    const keys = generateSigningKeys();
    const token = jwt.sign({ roles: ['BUYER', 'ROOT', 7] }, keys.privateKey, {
      algorithm: 'ES256',
      keyid: keys.kid,
      subject: 'u1',
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      jwtid: 'j',
      expiresIn: 600,
    });
    await expect(createAccessTokenVerifier({ jwks: keys.jwks })(token)).resolves.toMatchObject({ roles: ['BUYER'] });
  });

  it('give their session id to the context', () => {
    const keys = generateSigningKeys();
    const { token } = createAccessTokenSigner(keys)({ userId: 'u1', roles: [], sessionId: 'fam' }, new Date());
    expect(sessionIdOfVerifiedToken(`Bearer ${token}`)).toBe('fam');
    expect(sessionIdOfVerifiedToken(undefined)).toBeNull();
    expect(sessionIdOfVerifiedToken('Bearer garbage')).toBeNull();
  });

  it('name their key by its RFC 7638 thumbprint, as before the move to jsonwebtoken (restarts log nobody out)', () => {
    // A throwaway key; its kid was computed with jose's calculateJwkThumbprint.
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjlMw904FmThEDg2Y\n69/dwJOwaE01RDOlPVhiQOHpETmhRANCAAROe3tYD/ge2X0oCkUoKBEI0YAB6no8\n/LWkDyA3/FnRlecbpR1Hzq5W0LWK+s8I0nZOOKEE9voLkZeXCQRt+drf\n-----END PRIVATE KEY-----\n';
    const keys = signingKeysFrom(createPrivateKey(pem));
    expect(keys.kid).toBe('jfBVbmE_RTR84CgxREBWOGItGioSm1rWYzsFVoNRKwA');
    expect(keys.jwks).toEqual({
      keys: [
        {
          kty: 'EC',
          crv: 'P-256',
          x: 'Tnt7WA_4Htl9KApFKCgRCNGAAep6PPy1pA8gN_xZ0ZU',
          y: '5xulHUfOrlbQtYr6zwjSdk44oQT2-guRl5cJBG352t8',
          kid: 'jfBVbmE_RTR84CgxREBWOGItGioSm1rWYzsFVoNRKwA',
          alg: 'ES256',
          use: 'sig',
        },
      ],
    });
  });
});

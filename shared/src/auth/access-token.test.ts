import { createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestTokenIssuer } from '../testing/tokens.js';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  createAccessTokenVerifier,
  JWKS_PATH,
  viewerFromAuthorization,
  type Jwks,
  type PublicJwk,
} from './access-token.js';

function keyPair(kid: string): { privateKey: KeyObject; jwk: PublicJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kty: 'EC', kid, alg: 'ES256', use: 'sig' } };
}

function sign(privateKey: KeyObject, kid: string, options: jwt.SignOptions = {}): string {
  return jwt.sign({ roles: ['BUYER'] }, privateKey, {
    algorithm: 'ES256',
    keyid: kid,
    subject: 'u1',
    issuer: ACCESS_TOKEN_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    jwtid: randomUUID(),
    expiresIn: '15m',
    ...options,
  });
}

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const INVALID = { message: 'Your access token is invalid.', extensions: { code: 'UNAUTHENTICATED' } };

describe('access tokens verified with the users service JWKS (jwks-rsa)', () => {
  const current = keyPair('key-1');
  const jwks: Jwks = { keys: [current.jwk] };
  let fetches = 0;
  let server: Server;
  let usersUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url !== JWKS_PATH) return void res.writeHead(404).end();
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    usersUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies, fetching a key once for many tokens', async () => {
    const verify = createAccessTokenVerifier({ usersUrl });
    const before = fetches;
    for (let i = 0; i < 5; i += 1) {
      await expect(verify(sign(current.privateKey, 'key-1'))).resolves.toMatchObject({ id: 'u1', roles: ['BUYER'] });
    }
    expect(fetches - before).toBe(1);
  });

  it('picks up a rotated key on its first unknown kid, and still accepts the previous one', async () => {
    const verify = createAccessTokenVerifier({ usersUrl });
    await verify(sign(current.privateKey, 'key-1'));
    const next = keyPair('key-2');
    jwks.keys = [next.jwk, current.jwk];
    await expect(verify(sign(next.privateKey, 'key-2'))).resolves.toMatchObject({ id: 'u1' });
    await expect(verify(sign(current.privateKey, 'key-1'))).resolves.toMatchObject({ id: 'u1' });
  });

  it('refuses a kid the JWKS does not have as an invalid token', async () => {
    const verify = createAccessTokenVerifier({ usersUrl });
    const stranger = keyPair('key-x');
    await expect(verify(sign(stranger.privateKey, 'key-x'))).rejects.toMatchObject(INVALID);
  });

  it('does not fetch keys for tokens that cannot be ours', async () => {
    const verify = createAccessTokenVerifier({ usersUrl });
    const before = fetches;
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'u1', iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, iat: now, exp: now + 600, jti: 'j' };
    const noKid = jwt.sign(claims, current.privateKey, { algorithm: 'ES256' });
    for (const token of ['garbage', `${part({ alg: 'none', kid: 'new-kid' })}.${part(claims)}.`, noKid]) {
      await expect(verify(token)).rejects.toMatchObject(INVALID);
    }
    expect(fetches).toBe(before);
  });

  it('reports keys it cannot fetch as a failure of its own, not as a bad token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const verify = createAccessTokenVerifier({ usersUrl: `http://127.0.0.1:${port}` });
    const error: unknown = await verify(sign(current.privateKey, 'key-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(GraphQLError);
  });
});

describe('access tokens verified with keys in memory', () => {
  const { privateKey, jwk } = keyPair('mem');
  const verify = createAccessTokenVerifier({ jwks: { keys: [jwk] } });

  it('says an expired token has expired', async () => {
    await expect(verify(sign(privateKey, 'mem', { expiresIn: -60 }))).rejects.toMatchObject({
      message: 'Your access token has expired: refresh the session.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('remembers a verified token, and still refuses it once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const token = sign(privateKey, 'mem', { expiresIn: 60 });
      expect(await verify(token)).toMatchObject({ id: 'u1', roles: ['BUYER'] });
      // The second time from what was remembered: the same answer.
      expect(await verify(token)).toMatchObject({ id: 'u1', roles: ['BUYER'] });
      vi.setSystemTime(Date.now() + 61_000);
      await expect(verify(token)).rejects.toMatchObject({ message: 'Your access token has expired: refresh the session.' });
      // A tampered copy of a remembered token is not the remembered text: verified, and refused.
      vi.useRealTimers();
      const fresh = sign(privateKey, 'mem');
      await verify(fresh);
      const [header, payload, signature] = fresh.split('.');
      const tampered = `${header}.${part({ ...(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object), sub: 'u2' })}.${signature}`;
      await expect(verify(tampered)).rejects.toMatchObject(INVALID);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses none, an HMAC made with the public key, a tampered payload and a payload that is not JSON', async () => {
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
    const publicPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' });
    const [header, , signature] = sign(privateKey, 'mem').split('.');
    for (const token of [
      `${part({ alg: 'none', kid: 'mem' })}.${part(claims)}.`,
      jwt.sign(claims, publicPem, { algorithm: 'HS256', keyid: 'mem' }),
      `${header}.${part(claims)}.${signature}`,
      `${header}.${Buffer.from('not json').toString('base64url')}.${signature}`,
    ]) {
      await expect(verify(token)).rejects.toMatchObject(INVALID);
    }
  });

  it('the test issuer makes tokens this verifier accepts', async () => {
    const issuer = await createTestTokenIssuer();
    await expect(issuer.verify(await issuer.issue('u9', ['SELLER']))).resolves.toMatchObject({ id: 'u9', roles: ['SELLER'] });
    await expect(issuer.verify(await issuer.issue('u9', ['SELLER'], { expiresIn: -1 }))).rejects.toThrow(/expired/);
    await expect(verify(await issuer.issue('u9'))).rejects.toMatchObject(INVALID);
  });
});

describe('viewerFromAuthorization', () => {
  it('is anonymous without a header and refuses anything but a bearer token', async () => {
    const verify = createAccessTokenVerifier({ jwks: { keys: [] } });
    await expect(viewerFromAuthorization(undefined, verify)).resolves.toBeNull();
    await expect(viewerFromAuthorization('Token abc', verify)).rejects.toMatchObject({
      message: 'The Authorization header must be "Bearer <access token>".',
    });
    await expect(viewerFromAuthorization('Bearer abc', verify)).rejects.toMatchObject(INVALID);
  });
});

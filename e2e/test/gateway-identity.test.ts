import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  createAccessTokenVerifier,
  JWKS_PATH,
  parseConfig,
  type HttpService,
} from '@gigmart/shared';
import { graphqlRequest, testLogger } from '@gigmart/shared/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startGateway, gatewayEnvSchema } from '@gigmart/gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '@gigmart/stack';
import { startTestStack, type SubgraphCallCounter, type TestStack } from '@gigmart/stack/testing';

/** A stand-in for the users service's key endpoint: real HTTP, a real JWKS, counted fetches. */
async function startJwksServer() {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== JWKS_PATH) {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    privateKey,
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sign(key: CryptoKey, options: { kid?: string; expiresIn?: string | number; issuer?: string } = {}) {
  return new SignJWT({ roles: ['BUYER'] })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: options.kid ?? 'key-1' })
    .setSubject('64b000000000000000000001')
    .setIssuer(options.issuer ?? ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(options.expiresIn ?? '15m')
    .sign(key);
}

describe('identity at the gateway', () => {
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let stack: TestStack;
  let calls: SubgraphCallCounter;

  beforeAll(async () => {
    jwks = await startJwksServer();
    // The gateway and the subgraphs all verify with the same remote JWKS, as they do with the users service's.
    stack = await startTestStack({
      countSubgraphCalls: true,
      verifyAccessToken: createAccessTokenVerifier({ usersUrl: jwks.url }),
      serviceOptions: { verifyAccessToken: createAccessTokenVerifier({ usersUrl: jwks.url }) },
    });
    calls = stack.subgraphCalls!;
  });
  afterAll(async () => {
    await stack?.stop();
    await jwks?.close();
  });
  beforeEach(() => calls.reset());

  it('lets a valid token through and forwards it, the request id and the client address', async () => {
    const token = await sign(jwks.privateKey);
    const res = await graphqlRequest(
      stack.graphqlUrl,
      '{ me { id } }',
      {},
      {
        token,
        headers: { 'x-request-id': 'identity-test-0001', 'x-forwarded-for': '203.0.113.9' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(calls.counts().users).toBe(1);
    const forwarded = calls.lastHeaders('users')!;
    expect(forwarded['authorization']).toBe(`Bearer ${token}`);
    expect(forwarded['x-request-id']).toBe('identity-test-0001');
    // Without a trusted proxy in front, the client's own claim is replaced by the connection's address.
    expect(forwarded['x-forwarded-for']).toBe('127.0.0.1');
    expect(jwks.fetches()).toBeGreaterThanOrEqual(1);
  });

  it('caches the key set instead of fetching it for every request', async () => {
    await graphqlRequest(stack.graphqlUrl, '{ me { id } }', {}, { token: await sign(jwks.privateKey) });
    const before = jwks.fetches();
    for (let i = 0; i < 3; i += 1) {
      expect((await graphqlRequest(stack.graphqlUrl, '{ me { id } }', {}, { token: await sign(jwks.privateKey) })).errors).toBeUndefined();
    }
    expect(jwks.fetches()).toBe(before);
  });

  it('does not send anonymous callers any Authorization', async () => {
    const res = await graphqlRequest<{ me: null }>(stack.graphqlUrl, '{ me { id } }');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ me: null });
    expect(calls.lastHeaders('users')!['authorization']).toBeUndefined();
  });

  const refusals: Array<[string, () => Promise<string>, string]> = [
    ['a malformed header', () => Promise.resolve('Token abc'), 'The Authorization header must be "Bearer <access token>".'],
    ['garbage', () => Promise.resolve('Bearer not-a-jwt'), 'Your access token is invalid.'],
    [
      'an expired token',
      async () => `Bearer ${await sign(jwks.privateKey, { expiresIn: Math.floor(Date.now() / 1000) - 60 })}`,
      'Your access token has expired: refresh the session.',
    ],
    [
      'a token signed with another key under the same kid',
      async () => `Bearer ${await sign((await generateKeyPair(ACCESS_TOKEN_ALGORITHM)).privateKey)}`,
      'Your access token is invalid.',
    ],
    [
      'a token from another issuer',
      async () => `Bearer ${await sign(jwks.privateKey, { issuer: 'someone-else' })}`,
      'Your access token is invalid.',
    ],
    [
      'an unsigned token (alg none)',
      () => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return Promise.resolve(
          `Bearer ${part({ alg: 'none', kid: 'key-1' })}.${part({ sub: 'x', iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, iat: now, exp: now + 600, jti: 'j' })}.`,
        );
      },
      'Your access token is invalid.',
    ],
  ];

  it.each(refusals)('refuses %s with UNAUTHENTICATED (401) before asking any subgraph', async (_name, header, message) => {
    const res = await graphqlRequest(
      stack.graphqlUrl,
      '{ categories { name } me { id } }',
      {},
      { headers: { authorization: await header() } },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(calls.total()).toBe(0);
  });

  describe('when the users service keys cannot be fetched', () => {
    let gateway: HttpService;
    beforeAll(async () => {
      const closedPort = await freePort();
      const config = parseConfig(gatewayEnvSchema, {
        USERS_URL: stack.urls.users,
        GIGS_URL: stack.urls.gigs,
        ORDERS_URL: stack.urls.orders,
        INBOX_URL: stack.urls.inbox,
        MEDIA_URL: stack.urls.media,
        SUPERGRAPH_POLL_MS: '0',
      });
      gateway = await startGateway({
        config,
        logger: testLogger,
        port: 0,
        verifyAccessToken: createAccessTokenVerifier({ usersUrl: `http://127.0.0.1:${closedPort}` }),
      });
    });
    afterAll(() => gateway?.stop());

    it('answers 503 SERVICE_UNAVAILABLE for signed-in requests, naming no internals, and still serves anonymous ones', async () => {
      const res = await graphqlRequest(`${gateway.url}/graphql`, '{ categories { name } }', {}, { token: await sign(jwks.privateKey) });
      expect(res.status).toBe(503);
      expect(res.errors).toEqual([
        {
          message: 'Signed-in requests cannot be checked right now: the users service is unavailable.',
          extensions: { code: 'SERVICE_UNAVAILABLE', service: 'users' },
        },
      ]);
      const anonymous = await graphqlRequest(`${gateway.url}/graphql`, '{ categories { name } }');
      expect(anonymous.status).toBe(200);
      expect(anonymous.errors).toBeUndefined();
    });
  });
});

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  createAccessTokenVerifier,
  type AccessTokenVerifier,
  type PublicJwk,
} from '../auth/access-token.js';
import type { Role } from '../auth/viewer.js';

export interface TestTokenIssuer {
  verify: AccessTokenVerifier;
  /** `expiresIn`: a lifetime as jsonwebtoken reads it ('15m', '-1m', or seconds). */
  issue(sub: string, roles?: Role[], options?: { expiresIn?: jwt.SignOptions['expiresIn'] }): Promise<string>;
}

const TEST_KID = 'test';

/**
 * A throwaway ES256 key pair for service-level tests that need signed-in callers without the
 * users service. End-to-end tests use real sessions from the users service instead.
 */
export function createTestTokenIssuer(): Promise<TestTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk: PublicJwk = { ...publicKey.export({ format: 'jwk' }), kty: 'EC', kid: TEST_KID, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  const verify = createAccessTokenVerifier({ jwks: { keys: [jwk] } });
  return Promise.resolve({
    verify,
    issue: (sub, roles = ['BUYER'], options = {}) =>
      Promise.resolve(
        jwt.sign({ roles }, privateKey, {
          algorithm: ACCESS_TOKEN_ALGORITHM,
          keyid: TEST_KID,
          subject: sub,
          issuer: ACCESS_TOKEN_ISSUER,
          audience: ACCESS_TOKEN_AUDIENCE,
          jwtid: randomUUID(),
          expiresIn: options.expiresIn ?? '15m',
        }),
      ),
  });
}

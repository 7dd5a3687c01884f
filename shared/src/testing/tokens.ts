import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  createAccessTokenVerifier,
  type AccessTokenVerifier,
} from '../auth/access-token.js';
import type { Role } from '../auth/viewer.js';

export interface TestTokenIssuer {
  verify: AccessTokenVerifier;
  issue(sub: string, roles?: Role[], options?: { expiresIn?: string }): Promise<string>;
}

/**
 * A throwaway ES256 key pair for service-level tests that need signed-in callers without the
 * users service. End-to-end tests use real sessions from the users service instead.
 */
export async function createTestTokenIssuer(): Promise<TestTokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  const verify = createAccessTokenVerifier({ keys: createLocalJWKSet({ keys: [jwk] }) });
  return {
    verify,
    issue: (sub, roles = ['BUYER'], options = {}) =>
      new SignJWT({ roles })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: 'test' })
        .setSubject(sub)
        .setIssuer(ACCESS_TOKEN_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(options.expiresIn ?? '15m')
        .sign(privateKey),
  };
}

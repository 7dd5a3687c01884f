import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from '../errors.js';
import { ROLES, type Role, type Viewer } from './viewer.js';

/** Access tokens are issued by the users service alone and verified everywhere with its public keys. */
export const ACCESS_TOKEN_ISSUER = 'gigmart-users';
export const ACCESS_TOKEN_AUDIENCE = 'gigmart';
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const JWKS_PATH = '/.well-known/jwks.json';

export type AccessTokenVerifier = (token: string) => Promise<Viewer>;

export function jwksUrl(usersUrl: string): URL {
  return new URL(JWKS_PATH, usersUrl);
}

/**
 * Verifies with the users service's JWKS (cached; fetched again on an unknown `kid`, which is how a
 * rotated key is picked up), pinning ES256 so neither `none` nor an HMAC made with the public key
 * can pass, and checking issuer, audience and expiry.
 */
export function createAccessTokenVerifier(options: { usersUrl: string } | { keys: JWTVerifyGetKey }): AccessTokenVerifier {
  const keys =
    'keys' in options
      ? options.keys
      : createRemoteJWKSet(jwksUrl(options.usersUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5000 });
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      });
      const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is Role => ROLES.includes(r as Role)) : [];
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') throw new joseErrors.JWTInvalid('bad claims');
      return { id: payload.sub, roles, tokenId: payload.jti };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Your access token has expired: refresh the session.');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('Your access token is invalid.');
      // The JWKS could not be fetched: not the caller's fault, and not to be reported as if it were.
      throw error;
    }
  };
}

/** `Authorization: Bearer <token>` -> the viewer; no header is an anonymous caller (null). */
export async function viewerFromAuthorization(
  header: string | undefined,
  verify: AccessTokenVerifier,
): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
  return verify(match[1]!);
}

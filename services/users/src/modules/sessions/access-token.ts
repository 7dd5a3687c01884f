import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type Role } from '@gigmart/shared';
import { decodeJwt, SignJWT } from 'jose';
import type { SigningKeys } from './keys.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessTokenSubject {
  userId: string;
  roles: Role[];
  /** The session family the token was issued for (claim `sid`), so "other sessions" can be told apart. */
  sessionId: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs 15-minute access tokens: ES256 with the current key's `kid`, claims sub, roles, sid, iss,
 * aud, iat, exp and a unique jti.
 */
export function createAccessTokenSigner(keys: SigningKeys) {
  return async (subject: AccessTokenSubject, now: Date): Promise<IssuedAccessToken> => {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ roles: subject.roles, sid: subject.sessionId })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.kid, typ: 'JWT' })
      .setSubject(subject.userId)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(keys.privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  };
}
export type AccessTokenSigner = ReturnType<typeof createAccessTokenSigner>;

/**
 * The session id of a bearer token the context has ALREADY verified (shared's verifier keeps only
 * sub, roles and jti); null when absent.
 */
export function sessionIdOfVerifiedToken(authorization: string | undefined): string | null {
  const token = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) return null;
  try {
    const sid = decodeJwt(token)['sid'];
    return typeof sid === 'string' ? sid : null;
  } catch {
    return null;
  }
}

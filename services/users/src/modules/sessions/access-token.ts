import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type Role } from '@gigmart/shared';
import jwt from 'jsonwebtoken';
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

export type AccessTokenSigner = (subject: AccessTokenSubject, now: Date) => IssuedAccessToken;

/**
 * Signs 15-minute access tokens with jsonwebtoken: ES256 with the current key's `kid` in the
 * header, claims sub, roles, sid, iss, aud, iat, exp and a unique jti.
 */
export function createAccessTokenSigner(keys: SigningKeys): AccessTokenSigner {
  return (subject, now) => {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
    const token = jwt.sign({ roles: subject.roles, sid: subject.sessionId, iat, exp }, keys.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: keys.kid,
      subject: subject.userId,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      jwtid: randomUUID(),
    });
    return { token, expiresAt: new Date(exp * 1000) };
  };
}

/**
 * The session id of a bearer token the context has ALREADY verified (shared's verifier keeps only
 * sub, roles and jti); null when absent.
 */
export function sessionIdOfVerifiedToken(authorization: string | undefined): string | null {
  const token = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) return null;
  try {
    const claims = jwt.decode(token, { json: true });
    const sid: unknown = claims?.['sid'];
    return typeof sid === 'string' ? sid : null;
  } catch {
    return null;
  }
}

import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import jwksRsa from 'jwks-rsa';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from '../errors.js';
import { ROLES, type Role, type Viewer } from './viewer.js';

/** Access tokens are issued by the users service alone and verified everywhere with its public keys. */
export const ACCESS_TOKEN_ISSUER = 'gigmart-users';
export const ACCESS_TOKEN_AUDIENCE = 'gigmart';
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const JWKS_PATH = '/.well-known/jwks.json';

export type AccessTokenVerifier = (token: string) => Promise<Viewer>;

/** A public signing key as the users service publishes it (RFC 7517): EC P-256 with its `kid`. */
export interface PublicJwk {
  kty: string;
  crv?: string | undefined;
  x?: string | undefined;
  y?: string | undefined;
  kid: string;
  alg?: string | undefined;
  use?: string | undefined;
}

/** The users service's JWKS document: the current key and the previous ones still accepted. */
export interface Jwks {
  keys: PublicJwk[];
}

export function jwksUrl(usersUrl: string): URL {
  return new URL(JWKS_PATH, usersUrl);
}

/** The public key of a `kid`, or null when there is none (the token's fault); throws when keys cannot be had. */
type KeyLookup = (kid: string) => Promise<KeyObject | string | null>;

/** Keys held in memory: the users service's own, or a test's. */
function localKeys(jwks: Jwks): KeyLookup {
  const byKid = new Map(jwks.keys.map((jwk) => [jwk.kid, createPublicKey({ key: { ...jwk }, format: 'jwk' })]));
  return (kid) => Promise.resolve(byKid.get(kid) ?? null);
}

/**
 * The users service's JWKS over HTTP, through jwks-rsa: each key cached for 10 minutes, and an
 * unknown `kid` (how a rotated key is picked up) fetched again at most 10 times a minute.
 */
function remoteKeys(usersUrl: string): KeyLookup {
  const client = jwksRsa({
    jwksUri: jwksUrl(usersUrl).href,
    cache: true,
    cacheMaxAge: 10 * 60_000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: 5000,
  });
  // jwks-rsa hands out PEM text, which every verification would parse into a key again.
  const parsed = new Map<string, KeyObject>();
  return async (kid) => {
    try {
      const pem = (await client.getSigningKey(kid)).getPublicKey();
      let key = parsed.get(pem);
      if (!key) parsed.set(pem, (key = createPublicKey(pem)));
      return key;
    } catch (error) {
      // No such key even after a fresh look, or too many looks for unknown keys lately: a bad token.
      if (error instanceof jwksRsa.SigningKeyNotFoundError || error instanceof jwksRsa.JwksRateLimitError) return null;
      // The JWKS could not be fetched: not the caller's fault, and not to be reported as if it were.
      throw error;
    }
  };
}

/** The header's `kid`, when the token is a JWT that names ES256 and a key; else null. */
function keyIdOf(token: string): string | null {
  try {
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    return decoded?.header.alg === ACCESS_TOKEN_ALGORITHM && typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

const invalidToken = () => unauthenticated('Your access token is invalid.');

/**
 * Verifies with the users service's JWKS (`usersUrl`) or with keys in memory (`jwks`): ES256 is
 * pinned, so neither `none` nor an HMAC made with the public key can pass, the key is the one the
 * header's `kid` names, and issuer, audience, expiry and the claims sub, iat, exp and jti are checked.
 */
export function createAccessTokenVerifier(options: { usersUrl: string } | { jwks: Jwks }): AccessTokenVerifier {
  const keyFor = 'jwks' in options ? localKeys(options.jwks) : remoteKeys(options.usersUrl);
  // A signed-in client sends the same token with every request for its 15 minutes, and the gateway
  // and each subgraph verify it: a token that passed is remembered (by its exact text) until it
  // expires, which spares the signature check (ECDSA) and the parsing. Only the expiry can change
  // the answer for the same text, and it is checked on every use.
  const verified = new LRUCache<string, { viewer: Viewer; expiresAtMs: number }>({ max: VERIFIED_TOKENS_KEPT });
  return async (token) => {
    const kept = verified.get(token);
    if (kept) {
      if (Date.now() < kept.expiresAtMs) return kept.viewer;
      verified.delete(token);
    }
    const result = await verifyToken(token);
    verified.set(token, result);
    return result.viewer;
  };

  async function verifyToken(token: string): Promise<{ viewer: Viewer; expiresAtMs: number }> {
    // Only a token that names our algorithm and a key is worth a look at the keys.
    const kid = keyIdOf(token);
    const key = kid === null ? null : await keyFor(kid);
    if (!key) throw invalidToken();
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw unauthenticated('Your access token has expired: refresh the session.');
      if (error instanceof jwt.JsonWebTokenError) throw invalidToken();
      throw error;
    }
    if (typeof payload === 'string') throw invalidToken();
    const { sub, jti, iat, exp } = payload;
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') throw invalidToken();
    const claimed: unknown = payload['roles'];
    const roles = Array.isArray(claimed) ? claimed.filter((r): r is Role => ROLES.includes(r as Role)) : [];
    return { viewer: { id: sub, roles, tokenId: jti }, expiresAtMs: exp * 1000 };
  }
}

/** Tokens remembered as verified per process (a few MB at most). */
const VERIFIED_TOKENS_KEPT = 10_000;

/** `Authorization: Bearer <token>` -> the viewer; no header is an anonymous caller (null). */
export async function viewerFromAuthorization(header: string | undefined, verify: AccessTokenVerifier): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
  return verify(match[1]!);
}

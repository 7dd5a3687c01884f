import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signatures of the links this service hands out (uploads to the local store, downloads
 * it serves): the signature covers every part given (method, file key, expiry, viewer, declared type
 * and size), so a link opens one file, for one purpose, until it expires.
 */
export interface UrlSigner {
  sign(parts: readonly (string | number)[]): string;
  verify(parts: readonly (string | number)[], signature: unknown): boolean;
}

export function createUrlSigner(key: string): UrlSigner {
  const mac = (parts: readonly (string | number)[]) =>
    createHmac('sha256', key)
      .update(parts.map((part) => String(part).replaceAll('\n', ' ')).join('\n'))
      .digest();
  return {
    sign: (parts) => mac(parts).toString('base64url'),
    verify(parts, signature) {
      if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
      const expected = mac(parts);
      const given = Buffer.from(signature, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** The signing key when MEDIA_SIGNING_KEY is unset: derived from the service credential, so every instance agrees. */
export function derivedSigningKey(serviceToken: string): string {
  return createHmac('sha256', serviceToken).update('gigmart media link signing').digest('base64url');
}

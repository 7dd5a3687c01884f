import { JWKS_PATH } from '@gigmart/shared';
import type { Express } from 'express';
import type { SigningKeys } from './keys.js';

/** The public keys other services verify access tokens with; cached briefly so a rotation spreads fast. */
export function mountJwksRoute(app: Express, keys: SigningKeys): void {
  app.get(JWKS_PATH, (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(keys.jwks);
  });
}

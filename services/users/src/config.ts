import { env, subgraphEnvSchema, z } from '@gigmart/shared';
import { SIGN_UP_THROTTLE } from './modules/accounts/throttle.js';

export const usersEnvSchema = subgraphEnvSchema.extend({
  USERS_PORT: env.port(4001),
  /** Sign-up attempts one client address may make per hour (each counts, whatever its outcome). */
  SIGN_UP_LIMIT_PER_HOUR: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(SIGN_UP_THROTTLE.perAddress),
  /** PEM EC P-256 private key that signs access tokens; required in production. */
  JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  /** Comma-separated PEM public keys still published after a rotation, until old tokens expired. */
  JWT_PREVIOUS_PUBLIC_KEY_FILES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : [],
    ),
});
export type UsersConfig = z.infer<typeof usersEnvSchema>;

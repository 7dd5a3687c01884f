import { env, subgraphEnvSchema, z } from '@gigmart/shared';

export const usersEnvSchema = subgraphEnvSchema.extend({
  USERS_PORT: env.port(4001),
});
export type UsersConfig = z.infer<typeof usersEnvSchema>;

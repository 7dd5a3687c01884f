import { env, subgraphEnvSchema, z } from '@gigmart/shared';

export const gigsEnvSchema = subgraphEnvSchema.extend({
  GIGS_PORT: env.port(4002),
});
export type GigsConfig = z.infer<typeof gigsEnvSchema>;

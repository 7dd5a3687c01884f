import { env, subgraphEnvSchema, z } from '@gigmart/shared';

export const ordersEnvSchema = subgraphEnvSchema.extend({
  ORDERS_PORT: env.port(4003),
});
export type OrdersConfig = z.infer<typeof ordersEnvSchema>;

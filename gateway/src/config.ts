import { baseEnvSchema, env, serviceUrlsSchema, z } from '@gigmart/shared';

export const gatewayEnvSchema = baseEnvSchema.extend(serviceUrlsSchema.shape).extend({
  GATEWAY_PORT: env.port(4000),
  /** The gateway is the public entry point; set 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().default('127.0.0.1'),
  /** Serve this composed supergraph file (production) instead of composing from running subgraphs. */
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  /** How often development mode looks for changed subgraph schemas; 0 turns polling off. */
  SUPERGRAPH_POLL_MS: env.int(5000),
});
export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

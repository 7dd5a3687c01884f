import { parseConfig, type HttpService, type StartedSubgraph } from '@gigmart/shared';
import { testDatabaseName, testLogger, testMongoUri } from '@gigmart/shared/testing';
import { startGigsService } from '@gigmart/gigs';
import { startOrdersService } from '@gigmart/orders';
import { startUsersService } from '@gigmart/users';
import { startGateway } from '../src/app.js';
import { gatewayEnvSchema } from '../src/config.js';

export interface TestStack {
  gatewayUrl: string;
  graphqlUrl: string;
  services: { users: StartedSubgraph<unknown>; gigs: StartedSubgraph<unknown>; orders: StartedSubgraph<unknown> };
  gateway: HttpService;
  stop(): Promise<void>;
}

/**
 * The whole marketplace in this process, on free ports and fresh databases of the run's real
 * database server, reached over real HTTP through the gateway.
 */
export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  const mongoUri = testMongoUri();
  const logger = testLogger;
  const users = await startUsersService({ logger, mongoUri, port: 0, dbName: testDatabaseName('users') });
  const gigs = await startGigsService({ logger, mongoUri, port: 0, dbName: testDatabaseName('gigs'), usersUrl: users.url });
  const orders = await startOrdersService({ logger, mongoUri, port: 0, dbName: testDatabaseName('orders'), usersUrl: users.url });
  const config = parseConfig(gatewayEnvSchema, {
    USERS_URL: users.url,
    GIGS_URL: gigs.url,
    ORDERS_URL: orders.url,
    SUPERGRAPH_POLL_MS: '0',
    ...env,
  });
  const gateway = await startGateway({ config, logger, port: 0 });
  return {
    gatewayUrl: gateway.url,
    graphqlUrl: `${gateway.url}/graphql`,
    services: { users, gigs, orders },
    gateway,
    stop: async () => {
      await gateway.stop();
      await Promise.all([users.stop(), gigs.stop(), orders.stop()]);
    },
  };
}

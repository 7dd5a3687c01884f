import { parseConfig, type HttpService, type ServiceOptions, type StartedSubgraph } from '@gigmart/shared';
import { freePorts, TEST_SERVICE_TOKEN, testDatabaseName, testLogger, testMongoUri } from '@gigmart/shared/testing';
import { startGigsService } from '@gigmart/gigs';
import { startOrdersService } from '@gigmart/orders';
import { startUsersService } from '@gigmart/users';
import { startGateway } from '../src/app.js';
import { gatewayEnvSchema } from '../src/config.js';

export interface TestStack {
  gatewayUrl: string;
  graphqlUrl: string;
  urls: ServiceOptions['urls'];
  services: { users: StartedSubgraph<unknown>; gigs: StartedSubgraph<unknown>; orders: StartedSubgraph<unknown> };
  gateway: HttpService;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  /** Gateway settings, as environment variables. */
  gatewayEnv?: Record<string, string>;
  /** Overrides for every service's options (e.g. a clock). */
  serviceOptions?: Partial<ServiceOptions>;
}

/**
 * The whole marketplace in this process, on free ports and fresh databases of the run's real
 * database server, reached over real HTTP through the gateway.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const [usersPort, gigsPort, ordersPort] = (await freePorts(3)) as [number, number, number];
  const urls = {
    users: `http://127.0.0.1:${usersPort}`,
    gigs: `http://127.0.0.1:${gigsPort}`,
    orders: `http://127.0.0.1:${ordersPort}`,
  };
  const base = (name: string, port: number): ServiceOptions => ({
    logger: testLogger,
    mongoUri: testMongoUri(),
    port,
    dbName: testDatabaseName(name),
    serviceToken: TEST_SERVICE_TOKEN,
    urls,
    ...options.serviceOptions,
  });
  const users = await startUsersService(base('users', usersPort));
  const gigs = await startGigsService(base('gigs', gigsPort));
  const orders = await startOrdersService(base('orders', ordersPort));
  const config = parseConfig(gatewayEnvSchema, {
    USERS_URL: urls.users,
    GIGS_URL: urls.gigs,
    ORDERS_URL: urls.orders,
    SUPERGRAPH_POLL_MS: '0',
    ...options.gatewayEnv,
  });
  const gateway = await startGateway({ config, logger: testLogger, port: 0 });
  return {
    gatewayUrl: gateway.url,
    graphqlUrl: `${gateway.url}/graphql`,
    urls,
    services: { users, gigs, orders },
    gateway,
    stop: async () => {
      await gateway.stop();
      await Promise.all([users.stop(), gigs.stop(), orders.stop()]);
    },
  };
}

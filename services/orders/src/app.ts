import { gql } from 'graphql-tag';
import { startSubgraph, type ServiceOptions, type BaseContext, type Logger, type StartedSubgraph } from '@gigmart/shared';

export type OrdersServiceOptions = ServiceOptions;

// The foundation's placeholder: the orders issue replaces it with the contract's order lifecycle.
const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "A purchase of one gig package."
  type Order @key(fields: "id") {
    id: ID!
  }

  type Query {
    "Null unless the viewer is the order's buyer, its seller or an admin."
    order(id: ID!): Order
  }
`;

export async function startOrdersService(options: OrdersServiceOptions): Promise<StartedSubgraph<Record<string, never>>> {
  return startSubgraph<Record<string, never>, BaseContext>({
    name: 'orders',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'orders',
    usersUrl: options.urls.users,
    verifyAccessToken: options.verifyAccessToken,
    models: () => ({}),
    modules: [{ typeDefs, resolvers: { Query: { order: () => null }, Order: { __resolveReference: () => null } } }],
    context: (base) => base,
  });
}

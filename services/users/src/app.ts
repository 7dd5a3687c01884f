import { gql } from 'graphql-tag';
import { startSubgraph, type ServiceOptions, type BaseContext, type Logger, type StartedSubgraph } from '@gigmart/shared';

export type UsersServiceOptions = ServiceOptions;

// The foundation's placeholder: the users issue replaces it with the contract's accounts and sessions.
const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  "A marketplace member. Every member can buy; members who became sellers can also publish gigs."
  type User @key(fields: "id") {
    id: ID!
  }

  type Query {
    "The signed-in member, or null without a valid access token."
    me: User
  }
`;

export async function startUsersService(options: UsersServiceOptions): Promise<StartedSubgraph<Record<string, never>>> {
  return startSubgraph<Record<string, never>, BaseContext>({
    name: 'users',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'users',
    verifyAccessToken: options.verifyAccessToken,
    models: () => ({}),
    modules: [{ typeDefs, resolvers: { Query: { me: () => null }, User: { __resolveReference: () => null } } }],
    context: (base) => base,
  });
}

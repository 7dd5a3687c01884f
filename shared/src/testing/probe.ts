import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';

/** A schema of one field (`hello`, answered "hi"): for tests of the HTTP shell, which need a GraphQL endpoint and nothing more. */
export function helloSchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: gql`
      type Query {
        hello: String
      }
    `,
    resolvers: { Query: { hello: () => 'hi' } },
  });
}

import { gql } from 'graphql-tag';

/** The users subgraph's federation link; DateTime and UserError come from shared (graphql/shared-types). */
export const commonTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
`;

import { gql } from 'graphql-tag';

/**
 * The orders subgraph's federation link and the types only its modules share. DateTime, Money,
 * PageInfo and UserError, which other subgraphs declare too, come from shared (graphql/shared-types).
 */
export const commonTypeDefs = gql`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])

  enum PackageTier {
    BASIC
    STANDARD
    PREMIUM
  }

  type RatingSummary @shareable {
    "Null until the first review."
    average: Float
    count: Int!
  }
`;

import { gql } from 'graphql-tag';

export const categoryTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  type Category {
    id: ID!
    slug: String!
    name: String!
    parent: Category
    children: [Category!]!
  }

  type Query {
    "Top-level categories, each with its children."
    categories: [Category!]!
    category(slug: String!): Category
  }
`;

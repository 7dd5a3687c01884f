import { gql } from 'graphql-tag';

export const categoryTypeDefs = gql`
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

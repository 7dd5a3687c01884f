import { gql } from 'graphql-tag';

export const savedTypeDefs = gql`
  extend type Mutation {
    saveGig(input: GigIdInput!): GigPayload!
    unsaveGig(input: GigIdInput!): GigPayload!
  }
`;

import { gql } from 'graphql-tag';

export const offersTypeDefs = gql`
  # The orders subgraph owns custom offers; this one only refers to them.
  type Offer @key(fields: "id", resolvable: false) {
    id: ID!
  }

  extend type Message {
    "A custom offer the seller sent with this message; resolved by the orders subgraph."
    offer: Offer
  }
`;

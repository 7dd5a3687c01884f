import { gql } from 'graphql-tag';

export const messagesTypeDefs = gql`
  type OrderMessage {
    id: ID!
    "Null only while the users service is down."
    author: User
    body: String!
    sentAt: DateTime!
  }

  extend type Mutation {
    "The buyer or the seller, before COMPLETED or CANCELLED. 1-2000 characters."
    sendOrderMessage(input: SendOrderMessageInput!): OrderPayload!
  }

  input SendOrderMessageInput {
    orderId: ID!
    body: String!
  }
`;

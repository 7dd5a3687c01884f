import { gql } from 'graphql-tag';

export const reviewsTypeDefs = gql`
  "A buyer's review of a completed order. Public."
  type Review @key(fields: "id") {
    id: ID!
    order: Order!
    "Null only while the gigs service is down."
    gig: Gig
    "Null only while the users service is down."
    author: User
    "Null only while the users service is down."
    seller: User
    "Overall, 1-5."
    rating: Int!
    "Optional sub-ratings, 1-5."
    communication: Int
    serviceAsDescribed: Int
    recommend: Int
    "10-1000 characters."
    comment: String!
    "The seller's one public reply."
    sellerResponse: String
    createdAt: DateTime!
  }

  type ReviewConnection {
    edges: [ReviewEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type ReviewEdge {
    cursor: String!
    node: Review!
  }

  extend type Query {
    review(id: ID!): Review
  }

  extend type Mutation {
    "The buyer, once, in COMPLETED."
    leaveReview(input: LeaveReviewInput!): ReviewPayload!
    "The reviewed seller, once."
    respondToReview(input: RespondToReviewInput!): ReviewPayload!
  }

  input LeaveReviewInput {
    orderId: ID!
    rating: Int!
    communication: Int
    serviceAsDescribed: Int
    recommend: Int
    comment: String!
  }

  input RespondToReviewInput {
    reviewId: ID!
    response: String!
  }

  type ReviewPayload {
    review: Review
    userErrors: [UserError!]!
  }
`;

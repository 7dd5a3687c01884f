import { gql } from 'graphql-tag';

export const trackRecordTypeDefs = gql`
  """
  A seller's public track record. Levels, each also needing an average rating of at least 4.7 and
  on-time delivery of at least 90% of completed orders:
  LEVEL_ONE: 10 completed orders, $400 earned, 60 days a seller.
  LEVEL_TWO: 50 completed orders, $2,000 earned, 120 days a seller.
  TOP_RATED: 100 completed orders, $20,000 earned, 180 days a seller.
  Otherwise NEW.
  """
  type SellerStats {
    level: SellerLevel!
    completedOrders: Int!
    "Orders under way: AWAITING_REQUIREMENTS, IN_PROGRESS, DELIVERED or IN_REVISION."
    activeOrders: Int!
    rating: RatingSummary!
    "Share of completed orders delivered by their due time, 0-1; null before the first completion."
    onTimeDeliveryRate: Float
  }

  type RatingSummary @shareable {
    "Null until the first review."
    average: Float
    count: Int!
  }

  enum SellerLevel {
    NEW
    LEVEL_ONE
    LEVEL_TWO
    TOP_RATED
  }

  "A seller's money. Only visible to the member themself."
  type SellerEarnings {
    "Earnings of orders completed in the last 14 days."
    pendingClearance: Money!
    "Earnings of orders completed more than 14 days ago."
    cleared: Money!
    lifetime: Money!
  }

  type User @key(fields: "id") {
    id: ID!
    sellerProfile: SellerProfile @external
    sellerStats: SellerStats! @requires(fields: "sellerProfile { sellerSince }")
    "Null for everyone but the member themself."
    sellerEarnings: SellerEarnings
    "Reviews of the member's orders as a seller, newest first."
    reviewsReceived(first: Int = 20, after: String): ReviewConnection!
  }

  type SellerProfile {
    sellerSince: DateTime! @external
  }

  type Gig @key(fields: "id") {
    id: ID!
    "Newest first."
    reviews(first: Int = 20, after: String): ReviewConnection!
    rating: RatingSummary!
    ordersCompleted: Int!
    ordersInQueue: Int!
  }
`;

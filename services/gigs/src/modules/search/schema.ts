import { gql } from 'graphql-tag';

export const searchTypeDefs = gql`
  input GigFilter {
    "Matches the category or any of its descendants (at most 100 characters)."
    categorySlug: String
    "Bounds on the starting price, in cents."
    minPriceCents: Int
    maxPriceCents: Int
    "Gigs with at least one package deliverable within this many days."
    maxDeliveryDays: Int
    sellerId: ID
    "Gigs carrying all these tags (at most 5, of at most 30 characters)."
    tags: [String!]
    "Gigs whose average review rating is at least this."
    minRating: Float
  }

  enum GigSort {
    "Best match for the query words first; without a query, as BEST_SELLING."
    RELEVANCE
    NEWEST
    PRICE_LOW_TO_HIGH
    PRICE_HIGH_TO_LOW
    "Most completed orders first."
    BEST_SELLING
    "Highest average rating first, rated gigs before unrated ones."
    TOP_RATED
  }

  extend type Query {
    """
    ACTIVE gigs only. The query matches words of titles, tags and descriptions, case-insensitively:
    at most 200 characters and 8 words, each compared on its first 40 characters. first: 1-50.
    Arguments out of bounds are a BAD_USER_INPUT error.
    """
    searchGigs(query: String, filter: GigFilter, sort: GigSort = RELEVANCE, first: Int = 20, after: String): GigConnection!
  }
`;

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

  extend type GigConnection {
    """
    Counts over every gig matching the query and all filters except the facet's own dimension (the
    category facet ignores categorySlug's level, see GigFacets.categories), for a search page's filter
    panel. Computed only when selected; null outside searchGigs.
    """
    facets: GigFacets
  }

  type GigFacets {
    "Without categorySlug: the top-level categories; with it: the subcategories of the filtered category (or its siblings when it is a leaf). Counts above zero only."
    categories: [CategoryFacet!]!
    "Starting price buckets: under $25, $25-$50, $50-$100, $100-$250, $250 and over (all five, zeros included)."
    priceRanges: [PriceRangeFacet!]!
    "Gigs with a package delivered within 1, 3 and 7 days, and any (all four)."
    deliveryTimes: [DeliveryTimeFacet!]!
  }

  type CategoryFacet {
    category: Category!
    count: Int!
  }

  type PriceRangeFacet {
    "Inclusive; null for the lowest bucket."
    min: Money
    "Exclusive; null for the highest bucket."
    max: Money
    count: Int!
  }

  type DeliveryTimeFacet {
    "Null for any."
    maxDays: Int
    count: Int!
  }

  extend type Query {
    "Up to \`first\` (1-10) completions of what a person is typing into a search box, from ACTIVE gigs' titles and tags, most frequent first. Empty for a prefix under 2 characters; BAD_USER_INPUT over 50."
    searchSuggestions(prefix: String!, first: Int = 8): [String!]!

    """
    ACTIVE gigs only. The query matches words of titles, tags and descriptions, case-insensitively:
    at most 200 characters and 8 words, each compared on its first 40 characters. first: 1-50.
    Arguments out of bounds are a BAD_USER_INPUT error. Every word must match (AND); a word of
    2 letters or more also matches as a prefix; a word of 5 letters or more also matches within one
    edit (Damerau: "logoo" finds "logo", "wordpres" finds "wordpress"). RELEVANCE ranks by a
    text-relevance score over title, tags and description, title weighted highest, then rating and
    sales, then id; its cursors carry (score, id) and stay valid while indexes of several gigs
    instances drift apart for a moment (no duplicates, no gaps within one instance).
    """
    searchGigs(query: String, filter: GigFilter, sort: GigSort = RELEVANCE, first: Int = 20, after: String): GigConnection!
  }
`;

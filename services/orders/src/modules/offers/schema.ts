import { gql } from 'graphql-tag';

/**
 * Custom offers: a seller writes their own terms for one buyer who has written to them; the offer
 * shows in the two members' conversation (the inbox subgraph adds a message carrying it as soon as it
 * is sent); the buyer accepts it and an order starts on those terms.
 */
export const offersTypeDefs = gql`
  """
  A seller's custom offer to one buyer, for one of the seller's gigs. Visible to the two of them and
  admins; null for everyone else. References to other subgraphs are null only while those are down.
  """
  type Offer @key(fields: "id") {
    id: ID!
    gig: Gig
    seller: User
    buyer: User
    "What the seller will do, 10-1500 characters."
    description: String!
    "The subtotal of the order it would make: 500 to 1,000,000 cents."
    price: Money!
    "The buyer's service fee on that price, by the same rule as any order."
    serviceFee: Money!
    "price + serviceFee: what the buyer would pay."
    total: Money!
    "1-90."
    deliveryDays: Int!
    "0-20; null for unlimited."
    revisions: Int
    "True: an accepted offer starts at once (IN_PROGRESS) without asking the gig's requirements."
    skipRequirements: Boolean!
    status: OfferStatus!
    "The buyer's reason, when DECLINED with one; seen by the two of them."
    declineReason: String
    "1-30 days after it was sent (7 unless given); a PENDING offer is EXPIRED from then on."
    expiresAt: DateTime!
    "The order that accepting made."
    order: Order
    createdAt: DateTime!
  }

  enum OfferStatus {
    PENDING
    ACCEPTED
    DECLINED
    WITHDRAWN
    EXPIRED
  }

  extend type Order {
    "The offer this order was placed from; null for an order of a gig package."
    offer: Offer
  }

  type OfferConnection {
    edges: [OfferEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type OfferEdge {
    cursor: String!
    node: Offer!
  }

  extend type Query {
    "Null unless the viewer is its seller, its buyer or an admin."
    offer(id: ID!): Offer
    "Offers the viewer sent (role SELLER) or received (role BUYER), newest first."
    myOffers(role: OrderRole!, status: [OfferStatus!], first: Int = 20, after: String): OfferConnection!
  }

  extend type Mutation {
    """
    The seller of an ACTIVE gig, to a member who has written to the seller in their conversation
    (INVALID_STATE otherwise, and while the conversation is blocked): sellers answer, they do not cold-call.
    At most 10 PENDING offers from one seller to one buyer, and 20 offers per seller per 24 hours
    (LIMIT_REACHED).
    """
    sendOffer(input: SendOfferInput!): OfferPayload!
    "The seller, while PENDING."
    withdrawOffer(input: OfferIdInput!): OfferPayload!
    "The buyer, while PENDING and not expired."
    declineOffer(input: DeclineOfferInput!): OfferPayload!
    """
    The buyer, while PENDING and not expired, and while the gig is ACTIVE: places the order on the offer's
    terms (fees as for any order, tier CUSTOM, package name "Custom offer"). Accepting an ACCEPTED offer
    again returns the same order; concurrent accepts make one order.
    """
    acceptOffer(input: OfferIdInput!): AcceptOfferPayload!
  }

  input SendOfferInput {
    gigId: ID!
    buyerId: ID!
    description: String!
    priceCents: Int!
    deliveryDays: Int!
    revisions: Int
    skipRequirements: Boolean = false
    "1-30."
    expiresInDays: Int = 7
    """
    1-255 characters, scoped to the viewer and this mutation, kept at least 24 hours. The same key with
    the same input returns the first result; with a different input, a userErrors entry INVALID on
    ["input", "idempotencyKey"].
    """
    idempotencyKey: String
  }

  input OfferIdInput {
    offerId: ID!
  }

  input DeclineOfferInput {
    offerId: ID!
    "0-500 characters, shown to the seller as Offer.declineReason."
    reason: String
  }

  type OfferPayload {
    offer: Offer
    userErrors: [UserError!]!
  }

  type AcceptOfferPayload {
    offer: Offer
    order: Order
    userErrors: [UserError!]!
  }
`;

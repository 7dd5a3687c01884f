import { gql } from 'graphql-tag';

export const gigTypeDefs = gql`
  # The federation @link is declared once, in src/modules.ts, as are the shared types
  # (DateTime, Money, PageInfo, UserError).
  "A service offered by a seller, sold in up to three packages."
  type Gig @key(fields: "id") {
    id: ID!
    "URL-safe, unique, derived from the title."
    slug: String!
    "15-80 characters."
    title: String!
    "120-1200 characters."
    description: String!
    "Null only while the users service is down."
    seller: User
    category: Category!
    "1-5 lowercase tags."
    tags: [String!]!
    "Gallery image URLs, at most 3."
    images: [String!]!
    "1-3 packages, at most one per tier, ordered BASIC, STANDARD, PREMIUM."
    packages: [GigPackage!]!
    "The price of the cheapest package."
    startingPrice: Money!
    faqs: [GigFaq!]!
    "Questions the buyer answers after ordering, before work starts."
    requirements: [GigRequirement!]!
    "At most 10; at most one EXTRA_FAST_DELIVERY and one ADDITIONAL_REVISION."
    extras: [GigExtra!]!
    status: GigStatus!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  enum GigStatus {
    "Visible to its seller only."
    DRAFT
    "Listed in search and orderable."
    ACTIVE
    "Visible by id, not listed, not orderable."
    PAUSED
    "Gone for everyone but its seller and admins; not orderable."
    ARCHIVED
  }

  type GigPackage {
    tier: PackageTier!
    name: String!
    description: String!
    "From $5.00 to $10,000.00."
    price: Money!
    "1-90 days."
    deliveryDays: Int!
    "Included revisions; null means unlimited."
    revisions: Int
    features: [String!]!
  }

  enum PackageTier {
    BASIC
    STANDARD
    PREMIUM
    "The tier of an order placed from a custom offer; never a gig package's tier: createGig and updateGig refuse it (INVALID)."
    CUSTOM
  }

  type GigFaq {
    question: String!
    answer: String!
  }

  type GigRequirement {
    id: ID!
    question: String!
    required: Boolean!
  }

  type User @key(fields: "id") {
    id: ID!
    "The member's gigs. Others see ACTIVE and PAUSED ones; the member sees all."
    gigs(status: GigStatus, first: Int = 20, after: String): GigConnection!
    "Gigs the member saved. Only visible to the member themself: empty for everyone else."
    savedGigs(first: Int = 20, after: String): GigConnection!
  }

  type GigConnection {
    edges: [GigEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type GigEdge {
    cursor: String!
    node: Gig!
  }

  extend type Query {
    "Null for a gig the viewer may not see."
    gig(id: ID!): Gig
    gigBySlug(slug: String!): Gig
  }

  type Mutation {
    "Sellers only. Creates a DRAFT."
    createGig(input: CreateGigInput!): GigPayload!
    "The gig's seller only. Fields left out stay as they are; a list given replaces the old one."
    updateGig(input: UpdateGigInput!): GigPayload!
    "DRAFT or PAUSED to ACTIVE, once the gig is complete (a BASIC package, a description, a category)."
    publishGig(input: GigIdInput!): GigPayload!
    pauseGig(input: GigIdInput!): GigPayload!
    "The gig's seller or an admin."
    archiveGig(input: GigIdInput!): GigPayload!
  }

  input CreateGigInput {
    title: String!
    description: String!
    categorySlug: String!
    tags: [String!]!
    images: [String!]
    """
    READY GIG_IMAGE files of the seller, at most 5, in display order. Gig.images then lists the gallery's
    1200-pixel rendition links first, then the https URLs given in images (at most 3): at most 8 in all.
    """
    imageIds: [ID!]
    packages: [GigPackageInput!]!
    faqs: [GigFaqInput!]
    requirements: [GigRequirementInput!]
    "At most 10 (see GigExtra)."
    extras: [GigExtraInput!]
  }

  input UpdateGigInput {
    id: ID!
    title: String
    description: String
    categorySlug: String
    tags: [String!]
    images: [String!]
    "A list given replaces the gallery (see CreateGigInput.imageIds)."
    imageIds: [ID!]
    packages: [GigPackageInput!]
    faqs: [GigFaqInput!]
    requirements: [GigRequirementInput!]
    "A list given replaces the gig's extras; an extra left out is gone for new purchases, while orders that bought it keep their copy."
    extras: [GigExtraInput!]
  }

  input GigPackageInput {
    tier: PackageTier!
    name: String!
    description: String!
    priceCents: Int!
    deliveryDays: Int!
    "Null or absent means unlimited."
    revisions: Int
    features: [String!]
  }

  input GigFaqInput {
    question: String!
    answer: String!
  }

  input GigRequirementInput {
    question: String!
    required: Boolean!
  }

  """
  Something a buyer may add to a package, at checkout or later while the order runs.
  EXTRA_FAST_DELIVERY: the order is due \`days\` days after it starts instead of the package's days
  (it must be fewer than every offered package's days; quantity 1; not for orders from custom offers).
  ADDITIONAL_REVISION: one more revision per unit (quantity 1-10); days must be 0.
  CUSTOM: the seller's own add-on (e.g. "source file"), adding \`days\` (0-30) per unit (quantity 1-10).
  """
  type GigExtra {
    id: ID!
    kind: GigExtraKind!
    "3-60 characters."
    title: String!
    "0-300 characters."
    description: String
    "Per unit, 500 to 500,000 cents."
    price: Money!
    days: Int!
  }

  enum GigExtraKind {
    EXTRA_FAST_DELIVERY
    ADDITIONAL_REVISION
    CUSTOM
  }

  input GigExtraInput {
    "Keep an existing extra's id when updating, so orders that bought it still name it."
    id: ID
    kind: GigExtraKind!
    title: String!
    description: String
    priceCents: Int!
    days: Int!
  }

  input GigIdInput {
    id: ID!
  }

  type GigPayload {
    gig: Gig
    userErrors: [UserError!]!
  }

  extend type Gig {
    "The seller's uploaded GIG_IMAGE files, in the order given, at most 5; null only while media is down."
    gallery: [File!]
  }

  type File @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;

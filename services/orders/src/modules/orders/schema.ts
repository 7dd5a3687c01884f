import { gql } from 'graphql-tag';

export const ordersTypeDefs = gql`
  """
  A purchase of one gig package. Lifecycle:
  AWAITING_REQUIREMENTS -> IN_PROGRESS (requirements submitted, or at once if the gig asks none)
  IN_PROGRESS / IN_REVISION -> DELIVERED (seller delivers)
  DELIVERED -> IN_REVISION (buyer asks for a revision, while revisions remain) or COMPLETED (buyer accepts,
  or automatically 3 days after the last delivery). Any state before DELIVERED -> CANCELLED (see cancelOrder).
  """
  type Order @key(fields: "id") {
    id: ID!
    "Human-friendly, unique, e.g. \\"FO1A2B3C4D\\"."
    number: String!
    "Null only while the gigs service is down (package.gigTitle keeps the title as it was ordered)."
    gig: Gig
    "Null only while the users service is down."
    buyer: User
    "Null only while the users service is down."
    seller: User
    "What was bought, as it was at the time of the order."
    package: OrderedPackage!
    status: OrderStatus!
    "The package price."
    subtotal: Money!
    "The buyer's service fee: 5.5% of the subtotal, rounded to the cent, plus $3.00 when the subtotal is under $100."
    serviceFee: Money!
    "subtotal + serviceFee: what the buyer pays."
    total: Money!
    "What the seller earns: the subtotal less the 20% commission."
    sellerEarnings: Money!
    requirements: [RequirementAnswer!]!
    "Set when work starts: start + deliveryDays; extended by nothing."
    dueAt: DateTime
    "True while undelivered past dueAt, and for good once delivered after dueAt."
    isLate: Boolean!
    revisionsUsed: Int!
    "Null means unlimited."
    revisionsRemaining: Int
    deliveries: [Delivery!]!
    messages: [OrderMessage!]!
    "The order's history, oldest first."
    events: [OrderEvent!]!
    review: Review
    createdAt: DateTime!
    updatedAt: DateTime!
    completedAt: DateTime
    cancelledAt: DateTime
  }

  enum OrderStatus {
    AWAITING_REQUIREMENTS
    IN_PROGRESS
    DELIVERED
    IN_REVISION
    COMPLETED
    CANCELLED
  }

  type OrderedPackage {
    tier: PackageTier!
    name: String!
    price: Money!
    deliveryDays: Int!
    revisions: Int
    gigTitle: String!
  }

  enum PackageTier {
    BASIC
    STANDARD
    PREMIUM
    "The tier of an order placed from a custom offer (OrderedPackage.tier); never a gig package's tier: createGig, updateGig and placeOrder refuse it (INVALID)."
    CUSTOM
  }

  type RequirementAnswer {
    question: String!
    answer: String!
  }

  type Delivery {
    id: ID!
    message: String!
    "Links to delivered files."
    attachments: [String!]!
    deliveredAt: DateTime!
  }

  type OrderEvent {
    type: OrderEventType!
    "Null for events the system made, such as an automatic completion."
    actor: User
    at: DateTime!
    note: String
  }

  enum OrderEventType {
    PLACED
    REQUIREMENTS_SUBMITTED
    STARTED
    DELIVERED
    REVISION_REQUESTED
    COMPLETED
    AUTO_COMPLETED
    CANCELLED
    REVIEWED
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type OrderEdge {
    cursor: String!
    node: Order!
  }

  enum OrderRole {
    BUYER
    SELLER
  }

  type Query {
    "Null unless the viewer is the order's buyer, its seller or an admin."
    order(id: ID!): Order
    "The viewer's orders in one role, newest first."
    myOrders(role: OrderRole!, status: [OrderStatus!], first: Int = 20, after: String): OrderConnection!
  }

  type Mutation {
    """
    Buys one package of an ACTIVE gig at its current price. Not one's own gig.
    Placing again with the same idempotencyKey returns the first order instead of a second one;
    the key stands for that one request: reused for another gig or tier, it is an INVALID user error
    on input.idempotencyKey.
    """
    placeOrder(input: PlaceOrderInput!): OrderPayload!
    "The buyer, in AWAITING_REQUIREMENTS: answers every required question; the order starts."
    submitRequirements(input: SubmitRequirementsInput!): OrderPayload!
    "The seller, in IN_PROGRESS or IN_REVISION."
    deliverOrder(input: DeliverOrderInput!): OrderPayload!
    "The buyer, in DELIVERED, while revisions remain."
    requestRevision(input: RequestRevisionInput!): OrderPayload!
    "The buyer, in DELIVERED."
    acceptDelivery(input: OrderIdInput!): OrderPayload!
    """
    The buyer in AWAITING_REQUIREMENTS, or in IN_PROGRESS once the order is late;
    the seller in AWAITING_REQUIREMENTS, IN_PROGRESS or IN_REVISION; an admin before COMPLETED.
    """
    cancelOrder(input: CancelOrderInput!): OrderPayload!
  }

  input PlaceOrderInput {
    gigId: ID!
    tier: PackageTier!
    idempotencyKey: String
  }

  input SubmitRequirementsInput {
    orderId: ID!
    answers: [RequirementAnswerInput!]!
  }

  input RequirementAnswerInput {
    "The GigRequirement id."
    requirementId: ID!
    answer: String!
  }

  input DeliverOrderInput {
    orderId: ID!
    message: String!
    attachments: [String!]
  }

  input RequestRevisionInput {
    orderId: ID!
    message: String!
  }

  input OrderIdInput {
    orderId: ID!
  }

  input CancelOrderInput {
    orderId: ID!
    reason: String!
  }

  type OrderPayload {
    order: Order
    userErrors: [UserError!]!
  }
`;

import { gql } from 'graphql-tag';

export const ordersTypeDefs = gql`
  """
  A purchase of one gig package. Lifecycle:
  AWAITING_REQUIREMENTS -> IN_PROGRESS (requirements submitted, or at once if the gig asks none)
  IN_PROGRESS / IN_REVISION -> DELIVERED (seller delivers)
  DELIVERED -> IN_REVISION (buyer asks for a revision, while revisions remain) or COMPLETED (buyer accepts,
  or automatically 3 days after the last delivery). Any state before DELIVERED -> CANCELLED (see cancelOrder).
  Also (orders.resolution.graphql): DISPUTED while a dispute is open; CANCELLED by agreement from any state
  before COMPLETED; COMPLETED by an accepted partial refund.
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
    "The package price plus extras: the sum of the ORDER and EXTRAS charges' subtotals."
    subtotal: Money!
    "The buyer's service fee: the sum of the charges' fees, each 5.5% of its own subtotal, rounded to the cent, plus $3.00 when that subtotal is under $100."
    serviceFee: Money!
    "subtotal + serviceFee: what the buyer pays (a tip apart)."
    total: Money!
    "What the seller earns: the subtotal less any refunded part of it, less the 20% commission; zero when CANCELLED."
    sellerEarnings: Money!
    requirements: [RequirementAnswer!]!
    "Set when work starts: the start + the package's days (or an EXTRA_FAST_DELIVERY's days) + CUSTOM extras' days x quantity + accepted extensions' days."
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
    "READY DELIVERY files the seller uploaded, at most 20; the order's buyer may read them from then on."
    fileIds: [ID!]
  }

  extend type Delivery {
    "DELIVERY files of the seller, at most 20; null only while media is down."
    files: [File!]
  }

  type File @key(fields: "id", resolvable: false) {
    id: ID!
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

/** Extras and charges (orders.resolution.graphql): the contract's descriptions. */
export const chargesTypeDefs = gql`
  """
  One payment into the order: the order itself (with the extras bought at checkout), each later purchase
  of extras, and a tip. Each charge's service fee is computed on its own subtotal (5.5%, rounded half up,
  plus $3.00 when that subtotal is under $100).
  """
  type OrderCharge {
    kind: OrderChargeKind!
    subtotal: Money!
    serviceFee: Money!
    total: Money!
    at: DateTime!
  }

  enum OrderChargeKind {
    ORDER
    EXTRAS
    TIP
  }

  "An extra as it was bought."
  type OrderedExtra {
    extraId: ID!
    kind: GigExtraKind!
    title: String!
    quantity: Int!
    unitPrice: Money!
    "unitPrice x quantity."
    total: Money!
    "Days as the extra defined them when bought (see GigExtra.days)."
    days: Int!
    at: DateTime!
  }

  enum GigExtraKind {
    EXTRA_FAST_DELIVERY
    ADDITIONAL_REVISION
    CUSTOM
  }

  "What an order would cost, before placing it."
  type OrderQuote {
    subtotal: Money!
    serviceFee: Money!
    total: Money!
    "Days from the start to dueAt."
    deliveryDays: Int!
    "Null for unlimited."
    revisions: Int
  }

  extend type Order {
    extras: [OrderedExtra!]!
    "Every payment into the order, oldest first."
    charges: [OrderCharge!]!
    "What the buyer got back (see the money rules above); zero otherwise."
    refunded: Money!
  }

  extend input PlaceOrderInput {
    "Extras of the gig bought with the package; part of the ORDER charge."
    extras: [OrderExtraInput!]
  }

  input OrderExtraInput {
    extraId: ID!
    "1-10; EXTRA_FAST_DELIVERY only 1."
    quantity: Int! = 1
  }

  extend type Query {
    "The price, fee, days and revisions placeOrder would give now (the same rules as placeOrder; anyone)."
    orderQuote(gigId: ID!, tier: PackageTier!, extras: [OrderExtraInput!]): OrderQuote
  }

  extend type Mutation {
    """
    The buyer, while the order is IN_PROGRESS, IN_REVISION or DELIVERED: buys more extras of the gig as
    one EXTRAS charge. EXTRA_FAST_DELIVERY only before the first delivery and only while the start plus its
    days is still ahead. Extra days move dueAt; revisions add to revisionsRemaining. Not for orders from
    custom offers.
    """
    buyExtras(input: BuyExtrasInput!): OrderPayload!
  }

  input BuyExtrasInput {
    orderId: ID!
    extras: [OrderExtraInput!]!
    """
    1-255 characters, scoped to the viewer and this mutation, kept at least 24 hours. The same key with
    the same input returns the first result; with a different input, a userErrors entry INVALID on
    ["input", "idempotencyKey"].
    """
    idempotencyKey: String
  }
`;

/**
 * Additions to the orders subgraph: extras, delivery extensions, cancellation by agreement, disputes
 * and partial refunds (the order-depth issue). Every rule below is one row of the order's transition
 * table, checked in one conditional update, so two concurrent requests never both win.
 *
 * Rules that span the new requests:
 * - Entering COMPLETED, CANCELLED or DISPUTED sets every PENDING request of the order to WITHDRAWN;
 * a delivery withdraws a PENDING extension request.
 * - At most 3 extension requests, 3 cancellation requests and 3 partial-refund offers per order
 * (LIMIT_REACHED), so that no loop of ask-and-withdraw floods the other party's notifications.
 * - A DELIVERED order with a PENDING cancellation request does not auto-complete; its 3 days start
 * again when the request is answered, withdrawn or lapses.
 * - The base rule of cancelOrder for admins ("before COMPLETED") excludes DISPUTED: use resolveDispute.
 * - SellerStats.activeOrders and Gig.ordersInQueue count DISPUTED orders as under way.
 * - Money: Order.subtotal and Order.serviceFee are sums over the ORDER and EXTRAS charges; a partial
 * refund or a dispute's PARTIAL_REFUND gives back round-half-up(subtotal x percent / 100) and keeps the
 * fees; a cancellation gives back the total of those charges, fees included. sellerEarnings is
 * (subtotal - refunded part of the subtotal) less the 20% commission, rounded half up; zero when
 * CANCELLED. Tips are apart (orders.money.graphql).
 */
export const resolutionTypeDefs = gql`
  enum RequestStatus {
    PENDING
    ACCEPTED
    DECLINED
    "By the party who asked, or by the order's change of state (see the rules above)."
    WITHDRAWN
    "No answer by respondBy: see each request's rule."
    LAPSED
  }

  """
  The seller asks for more time; the buyer answers by respondBy (48 hours), or the request LAPSED and
  dueAt stays. On ACCEPTED, dueAt moves by days.
  """
  type ExtensionRequest {
    id: ID!
    "1-30."
    days: Int!
    "10-500 characters."
    reason: String!
    status: RequestStatus!
    respondBy: DateTime!
    createdAt: DateTime!
    answeredAt: DateTime
  }

  """
  One party asks to cancel by agreement; the other has until respondBy (48 hours) to answer. ACCEPTED, or
  no answer in time (LAPSED), cancels the order; DECLINED leaves it as it was.
  """
  type CancellationRequest {
    id: ID!
    "Null only while the users subgraph is down."
    requestedBy: User
    "10-500 characters."
    reason: String!
    status: RequestStatus!
    respondBy: DateTime!
    createdAt: DateTime!
    answeredAt: DateTime
  }

  """
  The seller offers back part of the subtotal of an active order whose subtotal is $50 or more, instead
  of cancelling it: 1-60%. ACCEPTED completes the order with that part refunded; it lapses at respondBy
  (48 hours).
  """
  type PartialRefundOffer {
    id: ID!
    percent: Int!
    "round-half-up(subtotal x percent / 100)."
    amount: Money!
    status: RequestStatus!
    respondBy: DateTime!
    createdAt: DateTime!
    answeredAt: DateTime
  }

  """
  Either party asks an admin to decide: once the order has been delivered (DELIVERED or IN_REVISION), or
  after it COMPLETED while its earnings have not cleared yet (see LedgerEntry.availableAt); once per order.
  While OPEN the order is DISPUTED (or stays COMPLETED with its earnings held): it cannot auto-complete
  and its earnings do not clear.
  """
  type Dispute {
    id: ID!
    "Null only while the users subgraph is down."
    openedBy: User
    "20-2000 characters."
    reason: String!
    status: DisputeStatus!
    outcome: DisputeOutcome
    "For PARTIAL_REFUND, 1-100."
    refundPercent: Int
    "The admin's note to both parties."
    resolutionNote: String
    createdAt: DateTime!
    resolvedAt: DateTime
  }

  enum DisputeStatus {
    OPEN
    RESOLVED
  }

  enum DisputeOutcome {
    "The order completes as delivered (or stays completed)."
    COMPLETE
    "The order is cancelled and the buyer gets back the total of its charges but tips."
    CANCEL
    "The order completes (or stays completed) with refundPercent of its subtotal refunded."
    PARTIAL_REFUND
  }

  extend enum OrderStatus {
    "A dispute opened before completion is OPEN; the order waits for an admin."
    DISPUTED
  }

  extend enum OrderEventType {
    EXTRAS_PURCHASED
    EXTENSION_REQUESTED
    EXTENSION_ACCEPTED
    EXTENSION_DECLINED
    EXTENSION_LAPSED
    CANCELLATION_REQUESTED
    CANCELLATION_ACCEPTED
    CANCELLATION_DECLINED
    CANCELLATION_WITHDRAWN
    CANCELLATION_LAPSED
    PARTIAL_REFUND_OFFERED
    PARTIAL_REFUND_ACCEPTED
    PARTIAL_REFUND_DECLINED
    PARTIAL_REFUND_LAPSED
    DISPUTE_OPENED
    DISPUTE_RESOLVED
  }

  "What the viewer may do to the order now; a client shows these buttons and no others."
  enum OrderAction {
    SUBMIT_REQUIREMENTS
    DELIVER
    REQUEST_REVISION
    ACCEPT_DELIVERY
    CANCEL
    SEND_MESSAGE
    BUY_EXTRAS
    REQUEST_EXTENSION
    ANSWER_EXTENSION
    REQUEST_CANCELLATION
    ANSWER_CANCELLATION
    WITHDRAW_CANCELLATION
    OFFER_PARTIAL_REFUND
    ANSWER_PARTIAL_REFUND
    OPEN_DISPUTE
    RESOLVE_DISPUTE
    LEAVE_REVIEW
    RESPOND_TO_REVIEW
    TIP
  }

  extend type Order {
    "Newest first."
    extensionRequests: [ExtensionRequest!]!
    "Newest first."
    cancellationRequests: [CancellationRequest!]!
    "Newest first."
    partialRefundOffers: [PartialRefundOffer!]!
    "The dispute, if one was ever opened (at most one per order)."
    dispute: Dispute
    "Every action the viewer may take now, by the same transition table that judges the mutations."
    viewerActions: [OrderAction!]!
    "When a DELIVERED order completes by itself, unless something stops it first; null otherwise."
    autoCompletesAt: DateTime
  }

  extend type Query {
    "Admins only (FORBIDDEN otherwise): orders with an OPEN dispute, the oldest dispute first."
    disputedOrders(first: Int = 20, after: String): OrderConnection!
  }

  extend type Mutation {
    "The seller, in IN_PROGRESS or IN_REVISION, with no other PENDING extension request."
    requestExtension(input: RequestExtensionInput!): OrderPayload!
    "The buyer, while that request is PENDING (INVALID_STATE once it is not)."
    answerExtension(input: AnswerRequestInput!): OrderPayload!
    "Either party, in AWAITING_REQUIREMENTS, IN_PROGRESS, DELIVERED or IN_REVISION, with no other PENDING cancellation request."
    requestCancellation(input: RequestCancellationInput!): OrderPayload!
    "The other party, while that request is PENDING and before respondBy."
    answerCancellation(input: AnswerRequestInput!): OrderPayload!
    "The party who asked, while that request is PENDING."
    withdrawCancellation(input: RequestIdInput!): OrderPayload!
    "The seller, in IN_PROGRESS, IN_REVISION or DELIVERED, on an order whose subtotal is $50 or more; one PENDING at a time."
    offerPartialRefund(input: OfferPartialRefundInput!): OrderPayload!
    "The buyer, while that offer is PENDING."
    answerPartialRefund(input: AnswerRequestInput!): OrderPayload!
    "Either party: see Dispute for when."
    openDispute(input: OpenDisputeInput!): OrderPayload!
    "An admin, while the dispute is OPEN."
    resolveDispute(input: ResolveDisputeInput!): OrderPayload!
  }

  input RequestExtensionInput {
    orderId: ID!
    days: Int!
    reason: String!
  }

  "Answers one request by its id, so that nobody accepts terms they never saw."
  input AnswerRequestInput {
    requestId: ID!
    accept: Boolean!
  }

  input RequestIdInput {
    requestId: ID!
  }

  input RequestCancellationInput {
    orderId: ID!
    reason: String!
  }

  input OfferPartialRefundInput {
    orderId: ID!
    percent: Int!
  }

  input OpenDisputeInput {
    orderId: ID!
    reason: String!
  }

  input ResolveDisputeInput {
    orderId: ID!
    outcome: DisputeOutcome!
    refundPercent: Int
    "1-2000 characters."
    note: String!
  }
`;

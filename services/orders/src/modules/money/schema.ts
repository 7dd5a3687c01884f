import { gql } from 'graphql-tag';

/**
 * Tips, the seller's ledger, clearance and withdrawals (orders.money.graphql). Money is integer
 * cents; every balance is derived from an append-only ledger, never stored apart from it, and no
 * sequence of concurrent requests can make a balance negative. Every connection takes `first` 1-50.
 *
 * Ledger rules: ORDER_EARNING is written once, when the order completes, net of refunds made before
 * completion. A dispute can only be opened on a completed order while its ORDER_EARNING has not
 * cleared, so a later REFUND always lands on a credit that is still pending: `available` never goes
 * negative.
 */
export const moneyTypeDefs = gql`
  "A tip from the buyer after completion. The seller earns it less the 20% commission."
  type Tip {
    amount: Money!
    sellerEarnings: Money!
    at: DateTime!
  }

  extend type Order {
    "Null until the buyer tips."
    tip: Tip
  }

  extend enum OrderEventType {
    TIPPED
  }

  """
  One line of a seller's ledger. Credits are positive, debits negative. Never edited or deleted: a
  correction is a new line.
  """
  type LedgerEntry @key(fields: "id") {
    id: ID!
    kind: LedgerEntryKind!
    amount: Money!
    "The order it comes from, if any."
    order: Order
    "The withdrawal it comes from, for WITHDRAWAL and WITHDRAWAL_REVERSAL lines."
    withdrawal: Withdrawal
    """
    For credits, fixed when written: ORDER_EARNING 14 days after the order completed (7 for sellers who
    were TOP_RATED then); TIP_EARNING at once. A credit whose order has an OPEN dispute counts in
    pendingClearance whatever its availableAt. Null for debits.
    """
    availableAt: DateTime
    createdAt: DateTime!
  }

  enum LedgerEntryKind {
    "The seller's earnings of a completed order (extras included, refunds before completion deducted)."
    ORDER_EARNING
    TIP_EARNING
    "A dispute's outcome after completion: minus the seller's share of what the buyer got back."
    REFUND
    WITHDRAWAL
    "A FAILED withdrawal given back."
    WITHDRAWAL_REVERSAL
  }

  """
  A transfer of available earnings out of the marketplace. No payment provider is connected here: a
  withdrawal is COMPLETED at once. PENDING and FAILED are what a real provider can answer; a FAILED
  withdrawal writes a WITHDRAWAL_REVERSAL line and does not use up the day's withdrawal.
  """
  type Withdrawal {
    id: ID!
    amount: Money!
    status: WithdrawalStatus!
    "Why the provider refused it, for people."
    failureReason: String
    createdAt: DateTime!
  }

  enum WithdrawalStatus {
    PENDING
    COMPLETED
    FAILED
  }

  type LedgerEntryConnection {
    edges: [LedgerEntryEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type LedgerEntryEdge {
    cursor: String!
    node: LedgerEntry!
  }

  type WithdrawalConnection {
    edges: [WithdrawalEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type WithdrawalEdge {
    cursor: String!
    node: Withdrawal!
  }

  extend type SellerEarnings {
    """
    Cleared credits less debits (refunds, withdrawals, reversals counted back). All balances come from
    the ledger alone: pendingClearance + available + withdrawn = lifetime, where lifetime is every credit
    less refunds, withdrawn is COMPLETED and PENDING withdrawals, and cleared (base field) is
    available + withdrawn.
    """
    available: Money!
    withdrawn: Money!
    "Newest first."
    ledger(first: Int = 20, after: String): LedgerEntryConnection!
    "Newest first."
    withdrawals(first: Int = 20, after: String): WithdrawalConnection!
  }

  extend type Mutation {
    """
    The buyer, once, within 7 days after the order COMPLETED: $5.00 at least, at most the order's subtotal
    or $25.00, whichever is more. A TIP charge with its own service fee; the seller's TIP_EARNING is
    available at once.
    """
    tipOrder(input: TipOrderInput!): OrderPayload!
    """
    A seller: takes amountCents out of their available earnings. At least $10.00, at most $5,000.00, at
    most what is available, and at most one withdrawal per 24 hours (LIMIT_REACHED); concurrent requests
    never withdraw more than is available.
    """
    withdrawEarnings(input: WithdrawEarningsInput!): WithdrawalPayload!
  }

  input TipOrderInput {
    orderId: ID!
    amountCents: Int!
    """
    1-255 characters, scoped to the viewer and this mutation, kept at least 24 hours. The same key with
    the same input returns the first result; with a different input, a userErrors entry INVALID on
    ["input", "idempotencyKey"].
    """
    idempotencyKey: String
  }

  input WithdrawEarningsInput {
    amountCents: Int!
    "As for TipOrderInput.idempotencyKey."
    idempotencyKey: String
  }

  type WithdrawalPayload {
    withdrawal: Withdrawal
    "The seller's balances after it."
    earnings: SellerEarnings
    userErrors: [UserError!]!
  }
`;

import { gql } from 'graphql-tag';

/** Notifications: the contract's descriptions (inbox.graphql). */
export const notificationsTypeDefs = gql`
  """
  Something that happened which the member should know about. Made from order events and messages;
  each event makes at most one notification per recipient, whatever the retries (idempotent).
  """
  type Notification @key(fields: "id") {
    id: ID!
    kind: NotificationKind!
    "One sentence for people, e.g. \\"lena_designs delivered your order FO1A2B3C4D\\"."
    text: String!
    "Who caused it; null for what the system did (an automatic completion)."
    actor: User
    "The order it concerns, if any (resolved by the orders subgraph, for its parties)."
    order: Order
    "The conversation it concerns, if any."
    conversation: Conversation
    createdAt: DateTime!
    readAt: DateTime
  }

  enum NotificationKind {
    ORDER_PLACED
    REQUIREMENTS_SUBMITTED
    ORDER_DELIVERED
    REVISION_REQUESTED
    ORDER_COMPLETED
    ORDER_CANCELLED
    ORDER_LATE
    REVIEW_RECEIVED
    MESSAGE_RECEIVED
    OFFER_RECEIVED
    OFFER_ACCEPTED
    OFFER_DECLINED
    PARTIAL_REFUND_OFFERED
    EXTENSION_REQUESTED
    EXTENSION_ANSWERED
    CANCELLATION_REQUESTED
    CANCELLATION_ANSWERED
    DISPUTE_OPENED
    DISPUTE_RESOLVED
    EXTRAS_PURCHASED
    TIP_RECEIVED
  }

  enum NotificationChannel {
    "Listed in notifications and pushed over subscriptions."
    IN_APP
    "Sent by email to the member's address."
    EMAIL
  }

  "Whether one kind of notification reaches one channel. Every kind defaults to IN_APP on; EMAIL on for the kinds that need an action (ORDER_PLACED, REQUIREMENTS_SUBMITTED, ORDER_DELIVERED, REVISION_REQUESTED, OFFER_RECEIVED, EXTENSION_REQUESTED, CANCELLATION_REQUESTED, PARTIAL_REFUND_OFFERED, DISPUTE_OPENED) and off for the rest."
  type NotificationPreference {
    kind: NotificationKind!
    channel: NotificationChannel!
    enabled: Boolean!
  }

  extend type InboxCounts {
    unreadNotifications: Int!
  }

  type Order @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type NotificationConnection {
    edges: [NotificationEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type NotificationEdge {
    cursor: String!
    node: Notification!
  }

  extend type Query {
    "The viewer's notifications, newest first. UNAUTHENTICATED without a viewer."
    notifications(unreadOnly: Boolean = false, first: Int = 20, after: String): NotificationConnection!
    "Every kind and channel, with the viewer's choice or the default. UNAUTHENTICATED without a viewer."
    notificationPreferences: [NotificationPreference!]!
    "One of the viewer's notifications (IN_APP); null for anyone else's or an unknown id. Live updates read each new one through it."
    notification(id: ID!): Notification
  }

  extend type Mutation {
    "Marks read the given notifications of the viewer (at most 100 ids), or every one created at or before \`before\` (the newest the client has shown). Exactly one of the two (INVALID otherwise)."
    markNotificationsRead(input: MarkNotificationsReadInput!): MarkNotificationsReadPayload!
    updateNotificationPreferences(input: UpdateNotificationPreferencesInput!): NotificationPreferencesPayload!
  }

  input MarkNotificationsReadInput {
    ids: [ID!]
    before: DateTime
  }

  input NotificationPreferenceInput {
    kind: NotificationKind!
    channel: NotificationChannel!
    enabled: Boolean!
  }

  input UpdateNotificationPreferencesInput {
    preferences: [NotificationPreferenceInput!]!
  }

  type MarkNotificationsReadPayload {
    "The viewer's unread notifications left."
    unreadNotifications: Int!
    userErrors: [UserError!]!
  }

  type NotificationPreferencesPayload {
    preferences: [NotificationPreference!]!
    userErrors: [UserError!]!
  }
`;

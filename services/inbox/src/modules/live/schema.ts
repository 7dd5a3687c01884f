import { gql } from 'graphql-tag';

/**
 * The inbox's subscriptions (the contract's descriptions). A subgraph never runs them: the gateway
 * serves them over WebSocket and SSE and reads each pushed item again through its own query
 * execution (gateway/README.md, "Subscriptions"), with the queries below and inboxCounts.
 */
export const liveTypeDefs = gql`
  type Subscription {
    """
    Every new message in the viewer's conversations (sent by either side), as it is when pushed; with
    conversationId, only that conversation's (a participant only: FORBIDDEN otherwise). Ends with
    UNAUTHENTICATED when the viewer's access token expires.
    """
    messageAdded(conversationId: ID): Message!
    "Every new notification of the viewer on the IN_APP channel."
    notificationAdded: Notification!
    "The viewer's counts, each time one of them changes."
    inboxCountsChanged: InboxCounts!
  }

  extend type Query {
    "A message of one of the viewer's conversations; null for anyone else. Live updates read each new message through it."
    message(id: ID!): Message
  }
`;

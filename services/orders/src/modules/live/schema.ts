import { gql } from 'graphql-tag';

/**
 * The orders' subscriptions (the contract's descriptions). A subgraph never runs them: the gateway
 * serves them over WebSocket and SSE and reads the order again with \`order(id)\` for each of its
 * events (gateway/README.md, "Subscriptions"), so a push shows what that query shows the subscriber.
 */
export const liveTypeDefs = gql`
  type Subscription {
    """
    The order, as it is when pushed, after each change that adds to its events, deliveries, messages or
    requests (status changes, deliveries, messages, extensions, cancellation requests, disputes, extras,
    tips): one push per change, in the order the changes happened. Its buyer, its seller or an admin only
    (FORBIDDEN otherwise, and for an unknown id). Ends with UNAUTHENTICATED when the subscriber's access
    token expires.
    """
    orderUpdated(id: ID!): Order!
    "Every change of every order in which the viewer is buyer or seller, as above."
    myOrderUpdated: Order!
  }
`;

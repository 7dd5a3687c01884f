import type { Resolvers } from '../../generated/resolvers.js';

export const offersResolvers: Resolvers = {
  Message: {
    // A reference: the orders subgraph resolves it with its own visibility rule and the offer's live status.
    offer: (message) => (message.offerId ? { id: message.offerId } : null),
  },
};

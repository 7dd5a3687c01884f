import type { Resolvers } from '../../generated/resolvers.js';
import { findVisibleMessage } from '../messages/index.js';

export const liveResolvers: Resolvers = {
  Query: {
    message: (_, { id }, ctx) => findVisibleMessage(ctx, id),
  },
};

import type { Resolvers } from '../../generated/resolvers.js';
import { responseOf } from './service.js';

export const responseResolvers: Resolvers = {
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    responseRate: async (user, _, ctx) => (await responseOf(ctx, user.id))?.rate ?? null,
    responseTimeMinutes: async (user, _, ctx) => (await responseOf(ctx, user.id))?.minutes ?? null,
  },
};

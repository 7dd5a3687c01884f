import { withUserErrorsPayload } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { logOut, refreshSession } from './service.js';

export const sessionsResolvers: Resolvers = {
  Mutation: {
    refreshSession: (_parent, { input }, ctx) =>
      withUserErrorsPayload({ session: null, user: null }, () => refreshSession(ctx, input.refreshToken)),
    logOut: (_parent, { input }, ctx) =>
      withUserErrorsPayload({ success: false }, async () => ({ success: await logOut(ctx, input.refreshToken) })),
  },
};

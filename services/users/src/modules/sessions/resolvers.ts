import { withUserErrorsPayload } from '@gigmart/shared';
import type { UsersContext } from '../../context.js';
import { logOut, refreshSession } from './service.js';

export const sessionResolvers = {
  Mutation: {
    refreshSession: (_: unknown, args: { input: { refreshToken: string } }, ctx: UsersContext) =>
      withUserErrorsPayload({ session: null, user: null }, () => refreshSession(ctx, args.input.refreshToken)),
    logOut: (_: unknown, args: { input: { refreshToken: string } }, ctx: UsersContext) =>
      withUserErrorsPayload({ success: false }, async () => ({ success: await logOut(ctx, args.input.refreshToken) })),
  },
};

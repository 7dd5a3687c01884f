import { userError } from '@gigmart/shared';
import { proven } from '../accounts/resolvers.js';
import type { UsersContext } from '../../context.js';
import type { RefreshFailure } from './service.js';

const REFRESH_FAILURES: Record<RefreshFailure, string> = {
  unknown: 'This refresh token is not valid: log in again.',
  expired: 'This refresh token has expired: log in again.',
  reused: 'This refresh token was already used. For your safety every session of that log-in has been ended: log in again.',
  revoked: 'This session has ended: log in again.',
};

export const sessionResolvers = {
  Mutation: {
    refreshSession: async (_: unknown, args: { input: { refreshToken: string } }, ctx: UsersContext) => {
      const outcome = await ctx.sessions.refresh(args.input.refreshToken);
      if (outcome.ok) return proven(ctx, { session: outcome.session, user: outcome.user, userErrors: [] });
      return { session: null, user: null, userErrors: [userError(['input', 'refreshToken'], REFRESH_FAILURES[outcome.reason], 'INVALID')] };
    },
    logOut: async (_: unknown, args: { input: { refreshToken: string } }, ctx: UsersContext) => {
      const ended = await ctx.sessions.logOut(args.input.refreshToken);
      return ended
        ? { success: true, userErrors: [] }
        : { success: false, userErrors: [userError(['input', 'refreshToken'], REFRESH_FAILURES.unknown, 'INVALID')] };
    },
  },
};

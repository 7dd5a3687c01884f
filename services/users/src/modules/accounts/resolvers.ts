import type { UsersContext } from '../../context.js';
import { signedInMember } from '../profiles/resolvers.js';
import type { UserDoc } from './model.js';
import type { SignUpInput } from './rules.js';

/** A successful sign-up or log-in shows the member their own private fields in the payload. */
export function proven<T extends { user: UserDoc | null }>(ctx: UsersContext, payload: T): T {
  if (payload.user) ctx.provenMembers.add(String(payload.user._id));
  return payload;
}

export const accountResolvers = {
  Mutation: {
    signUp: async (_: unknown, args: { input: SignUpInput }, ctx: UsersContext) => proven(ctx, await ctx.accounts.signUp(args.input)),
    logIn: async (_: unknown, args: { input: { login: string; password: string } }, ctx: UsersContext) =>
      proven(ctx, await ctx.accounts.logIn(args.input, ctx.clientAddress)),
    changePassword: async (_: unknown, args: { input: { currentPassword: string; newPassword: string } }, ctx: UsersContext) => {
      const member = await signedInMember(ctx);
      return ctx.accounts.changePassword(member, args.input, ctx.sessionId, ctx.clientAddress);
    },
  },
};

import { requireViewer, withUserErrors } from '@gigmart/shared';
import type { UsersContext } from '../../context.js';
import type { UserDoc } from './model.js';
import { becomeSeller, mayViewPrivate, updateProfile, userById, userByUsername, viewerProfile } from './service.js';

export const profileResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: UsersContext) => viewerProfile(ctx),
    user: (_: unknown, args: { id: string }, ctx: UsersContext) => userById(ctx, args.id),
    userByUsername: (_: unknown, args: { username: string }, ctx: UsersContext) => userByUsername(ctx, args.username),
  },
  Mutation: {
    updateProfile: (_: unknown, args: { input: unknown }, ctx: UsersContext) => {
      requireViewer(ctx);
      return withUserErrors('user', () => updateProfile(ctx, args.input));
    },
    becomeSeller: (_: unknown, args: { input: unknown }, ctx: UsersContext) => {
      requireViewer(ctx);
      return withUserErrors('user', () => becomeSeller(ctx, args.input));
    },
  },
  User: {
    // Profiles are public; the private fields guard themselves below, however the user was reached.
    __resolveReference: (ref: { id: string }, ctx: UsersContext) => userById(ctx, ref.id),
    id: (user: UserDoc) => String(user._id),
    memberSince: (user: UserDoc) => user.createdAt,
    isSeller: (user: UserDoc) => user.sellerProfile != null,
    languages: (user: UserDoc) => user.languages ?? [],
    skills: (user: UserDoc) => user.skills ?? [],
    email: (user: UserDoc, _: unknown, ctx: UsersContext) => (mayViewPrivate(ctx, user) ? user.email : null),
    roles: (user: UserDoc, _: unknown, ctx: UsersContext) => (mayViewPrivate(ctx, user) ? user.roles : []),
  },
};

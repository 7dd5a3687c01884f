import { requireViewer, withUserErrors } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { becomeSeller, mayViewPrivate, updateProfile, userById, userByUsername, viewerProfile } from './service.js';

export const profilesResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, ctx) => viewerProfile(ctx),
    user: (_parent, { id }, ctx) => userById(ctx, id),
    userByUsername: (_parent, { username }, ctx) => userByUsername(ctx, username),
  },
  Mutation: {
    updateProfile: (_parent, { input }, ctx) => {
      requireViewer(ctx);
      return withUserErrors('user', () => updateProfile(ctx, input));
    },
    becomeSeller: (_parent, { input }, ctx) => {
      requireViewer(ctx);
      return withUserErrors('user', () => becomeSeller(ctx, input));
    },
  },
  User: {
    // Profiles are public; the private fields guard themselves below, however the user was reached.
    __resolveReference: (ref, ctx) => userById(ctx, ref.id),
    id: (user) => String(user._id),
    memberSince: (user) => user.createdAt,
    isSeller: (user) => user.sellerProfile != null,
    languages: (user) => user.languages ?? [],
    skills: (user) => user.skills ?? [],
    // A reference: the media subgraph resolves it (avatars are public once READY).
    avatar: (user) => (user.avatarFileId ? { id: user.avatarFileId } : null),
    email: async (user, _args, ctx) => ((await mayViewPrivate(ctx, user)) ? user.email : null),
    roles: async (user, _args, ctx) => ((await mayViewPrivate(ctx, user)) ? user.roles : []),
  },
};

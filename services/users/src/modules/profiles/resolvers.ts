import { requireViewer, unauthenticated, userError, type UserError } from '@gigmart/shared';
import type { UserDoc } from '../accounts/model.js';
import { normalizeUsername } from '../accounts/rules.js';
import type { UsersContext } from '../../context.js';
import { becomeSeller, canSeePrivateFields, updateProfile } from './service.js';
import { validateProfileUpdate, validateSellerApplication, type BecomeSellerInput, type UpdateProfileInput } from './rules.js';

type UserPayload = { user: UserDoc | null; userErrors: UserError[] };

async function signedInMember(ctx: UsersContext): Promise<UserDoc> {
  const viewer = requireViewer(ctx);
  const user = await ctx.users.load(viewer.id);
  // A valid token for an account that no longer exists proves nothing any more.
  if (!user) throw unauthenticated('Your account no longer exists.');
  return user;
}

function mayViewPrivate(ctx: UsersContext, user: UserDoc): boolean {
  const id = String(user._id);
  return canSeePrivateFields(ctx.viewer, id) || ctx.provenMembers.has(id);
}

function gone(): UserPayload {
  return { user: null, userErrors: [userError(null, 'Your account no longer exists.', 'NOT_FOUND')] };
}

export const profileResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: UsersContext) => (ctx.viewer ? ctx.users.load(ctx.viewer.id) : null),
    user: (_: unknown, args: { id: string }, ctx: UsersContext) => ctx.users.load(args.id),
    userByUsername: (_: unknown, args: { username: string }, ctx: UsersContext) =>
      ctx.models.User.findOne({ username: normalizeUsername(args.username) }).lean<UserDoc>().exec(),
  },
  Mutation: {
    updateProfile: async (_: unknown, args: { input: UpdateProfileInput }, ctx: UsersContext): Promise<UserPayload> => {
      const member = await signedInMember(ctx);
      const { value, errors } = validateProfileUpdate(args.input);
      if (errors.length) return { user: null, userErrors: errors };
      const user = await updateProfile(ctx.models.User, member._id, value);
      return user ? { user, userErrors: [] } : gone();
    },
    becomeSeller: async (_: unknown, args: { input: BecomeSellerInput }, ctx: UsersContext): Promise<UserPayload> => {
      const member = await signedInMember(ctx);
      const { value, errors } = validateSellerApplication(args.input);
      if (errors.length) return { user: null, userErrors: errors };
      const user = await becomeSeller(ctx.models.User, member._id, value, ctx.now());
      return user ? { user, userErrors: [] } : gone();
    },
  },
  User: {
    // Profiles are public; the private fields guard themselves below, however the user was reached.
    __resolveReference: (ref: { id: string }, ctx: UsersContext) => ctx.users.load(ref.id),
    id: (user: UserDoc) => String(user._id),
    memberSince: (user: UserDoc) => user.createdAt,
    isSeller: (user: UserDoc) => user.sellerProfile != null,
    languages: (user: UserDoc) => user.languages ?? [],
    skills: (user: UserDoc) => user.skills ?? [],
    email: (user: UserDoc, _: unknown, ctx: UsersContext) => (mayViewPrivate(ctx, user) ? user.email : null),
    roles: (user: UserDoc, _: unknown, ctx: UsersContext) => (mayViewPrivate(ctx, user) ? user.roles : []),
  },
};

export { signedInMember };

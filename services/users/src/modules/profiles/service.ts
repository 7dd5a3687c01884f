import {
  attachFilesOrRefuse,
  detachFilesQuietly,
  failWith,
  isObjectId,
  parseInput,
  requireViewer,
  unauthenticated,
  type AttachedFile,
  type MailRecipient,
  type Member,
} from '@gigmart/shared';
import type { UsersContext } from '../../context.js';
import type { BecomeSellerInput, UpdateProfileInput } from '../../generated/resolvers.js';
import type { UserDoc } from './model.js';
import { canSeePrivateFields, normalizeUsername, profileUpdateInput, sellerApplicationInput } from './rules.js';

const ACCOUNT_GONE = 'Your account no longer exists.';

/**
 * The signed-in member's account. A validly signed token for a member who does not exist (deleted,
 * or never here) proves nothing: UNAUTHENTICATED, like no token, for every operation that acts for
 * a member (updateProfile, becomeSeller, changePassword); `me` is null for it.
 */
export async function signedInMember(ctx: UsersContext): Promise<UserDoc> {
  const viewer = requireViewer(ctx);
  const user = await ctx.users.load(viewer.id);
  if (!user) throw unauthenticated(ACCOUNT_GONE);
  return user;
}

/** `me`: the signed-in member, or null without a valid access token. */
export async function viewerProfile(ctx: UsersContext): Promise<UserDoc | null> {
  return ctx.viewer ? ctx.users.load(ctx.viewer.id) : null;
}

/** Profiles are public; the private fields guard themselves (`mayViewPrivate`), however a member was reached. */
export async function userById(ctx: UsersContext, id: string): Promise<UserDoc | null> {
  return ctx.users.load(id);
}

export async function userByUsername(ctx: UsersContext, username: string): Promise<UserDoc | null> {
  return ctx.models.User.findOne({ username: normalizeUsername(username) })
    .lean<UserDoc>()
    .exec();
}

/**
 * email and roles: the member's own business and the admins', or a member who proved who they are
 * in this request. ADMIN counts as the member's stored roles say, not as the token claims: a token
 * of a deleted admin, or of one whose rights were revoked minutes ago, shows nothing private.
 */
export async function mayViewPrivate(ctx: UsersContext, user: UserDoc): Promise<boolean> {
  const id = String(user._id);
  if (ctx.provenMembers.has(id)) return true;
  const viewer = ctx.viewer;
  if (!viewer || !canSeePrivateFields(viewer, id)) return false;
  if (viewer.id === id) return true;
  const admin = await ctx.users.load(viewer.id);
  return admin !== null && canSeePrivateFields({ ...viewer, roles: admin.roles }, id);
}

/** The member went between the request's first look and its update: as if the token were for nobody. */
function accountGone(): never {
  throw unauthenticated(ACCOUNT_GONE);
}

/** Sets the given fields of the signed-in member's profile; a field left out is unchanged. */
export async function updateProfile(ctx: UsersContext, input: UpdateProfileInput): Promise<UserDoc> {
  const member = await signedInMember(ctx);
  const changes = parseInput(profileUpdateInput, input);
  if (input.avatarId !== undefined && input.avatarUrl !== undefined) {
    failWith(['input', 'avatarId'], 'Give either avatarId (an uploaded file) or avatarUrl (a link), not both.', 'INVALID');
  }
  // An uploaded avatar: media checks and attaches it first; its 400-pixel rendition becomes avatarUrl.
  const attachment = `user:${String(member._id)}`;
  let avatar: { avatarFileId: string | null; avatarUrl: string | null } | null = null;
  if (input.avatarId) {
    const [file] = await attachFilesOrRefuse(
      ctx.media,
      { fileIds: [input.avatarId], uploaderId: String(member._id), purpose: 'AVATAR', attachment, readers: [] },
      ['input', 'avatarId'],
      { requestId: ctx.requestId },
    );
    avatar = { avatarFileId: file?.id ?? null, avatarUrl: file ? avatarLinkOf(file) : null };
  } else if (input.avatarId === null || changes.avatarUrl !== undefined) {
    avatar = { avatarFileId: null, avatarUrl: changes.avatarUrl ?? null };
  }
  const user = await ctx.models.User.findOneAndUpdate({ _id: member._id }, { $set: { ...changes, ...avatar } }, { returnDocument: 'after' })
    .lean<UserDoc>()
    .exec();
  // The avatar file replaced or removed is let go (deleted a day later unless attached again).
  if (avatar && member.avatarFileId !== avatar.avatarFileId) {
    await detachFilesQuietly(ctx.media, { attachment, keep: avatar.avatarFileId ? [avatar.avatarFileId] : [] }, ctx.logger);
  }
  return user ?? accountGone();
}

/**
 * Makes the signed-in member a seller at once: the SELLER role and the profile are on the member's
 * document, which the other services read through the internal members route (not the token's
 * roles). A second call updates headline, skills and languages and keeps the first `sellerSince`.
 */
export async function becomeSeller(ctx: UsersContext, input: BecomeSellerInput): Promise<UserDoc> {
  const member = await signedInMember(ctx);
  const application = parseInput(sellerApplicationInput, input);
  // Only a member who is not a seller yet gets a sellerSince; the precondition makes it set-once.
  await ctx.models.User.updateOne(
    { _id: member._id, sellerProfile: null },
    { $set: { sellerProfile: { headline: application.headline, sellerSince: ctx.clock() } } },
  ).exec();
  const user = await ctx.models.User.findOneAndUpdate(
    { _id: member._id },
    {
      $set: { 'sellerProfile.headline': application.headline, skills: application.skills, languages: application.languages },
      $addToSet: { roles: 'SELLER' },
    },
    { returnDocument: 'after' },
  )
    .lean<UserDoc>()
    .exec();
  return user ?? accountGone();
}

/**
 * Moves a seller's start date back, for sellers whose track record predates their account here
 * (an import from another platform, or demo data). Never forward past now, never for a non-seller.
 * The admin command's; never reachable through the API.
 */
export async function setSellerSince(ctx: UsersContext, input: { username: string; since: Date }): Promise<UserDoc | null> {
  const { username, since } = input;
  if (Number.isNaN(since.getTime()) || since > ctx.clock()) throw new RangeError('the seller start date must be a valid date in the past');
  return ctx.models.User.findOneAndUpdate(
    { username: normalizeUsername(username), sellerProfile: { $ne: null } },
    { $set: { 'sellerProfile.sellerSince': since } },
    { returnDocument: 'after' },
  )
    .lean<UserDoc>()
    .exec();
}

/** The admins, by username (the admin command's `list`). */
export async function listAdmins(ctx: UsersContext): Promise<Array<Pick<UserDoc, '_id' | 'username' | 'email'>>> {
  return ctx.models.User.find({ roles: 'ADMIN' }, { username: 1, email: 1 })
    .sort({ username: 1 })
    .lean<Array<Pick<UserDoc, '_id' | 'username' | 'email'>>>()
    .exec();
}

/** Grants or revokes ADMIN by username: the admin command's; never reachable through the API. */
export async function setAdmin(ctx: UsersContext, input: { username: string; admin: boolean }): Promise<UserDoc | null> {
  const update = input.admin ? { $addToSet: { roles: 'ADMIN' } } : { $pull: { roles: 'ADMIN' } };
  return ctx.models.User.findOneAndUpdate({ username: normalizeUsername(input.username) }, update, { returnDocument: 'after' })
    .lean<UserDoc>()
    .exec();
}

export function toMember(user: UserDoc): Member {
  return {
    id: String(user._id),
    username: user.username,
    roles: user.roles,
    isSeller: user.sellerProfile != null,
    sellerSince: user.sellerProfile ? user.sellerProfile.sellerSince.toISOString() : null,
  };
}

/** Members by id for one batch (the internal members route); unknown and malformed ids are left out. */
/** The members' email addresses and names, for the inbox's notification mail (internal route only). */
export async function findMailRecipients(ctx: UsersContext, ids: readonly string[]): Promise<MailRecipient[]> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (!valid.length) return [];
  const found = await ctx.models.User.find({ _id: { $in: valid } }, { email: 1, displayName: 1 })
    .lean<Array<Pick<UserDoc, '_id' | 'email' | 'displayName'>>>()
    .exec();
  return found.map((user) => ({ id: String(user._id), email: user.email, displayName: user.displayName }));
}

export async function findMembers(ctx: UsersContext, ids: readonly string[]): Promise<Member[]> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (!valid.length) return [];
  const found = await ctx.models.User.find({ _id: { $in: valid } }, { username: 1, roles: 1, sellerProfile: 1 })
    .lean<UserDoc[]>()
    .exec();
  return found.map(toMember);
}

/** An avatar's link: its 400-pixel rendition (or the narrowest, for a smaller picture), else the file's own link. */
function avatarLinkOf(file: AttachedFile): string | null {
  const rendition = file.renditions.find((r) => r.width === 400) ?? [...file.renditions].sort((a, b) => a.width - b.width)[0];
  return rendition?.url ?? file.url;
}

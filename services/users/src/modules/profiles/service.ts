import { isAdmin, type Viewer } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { UserDoc, UserModel } from '../accounts/model.js';
import type { BecomeSellerInput, ProfileChanges } from './rules.js';

/** email and roles are the member's own business, and the admins'. */
export function canSeePrivateFields(viewer: Viewer | null, userId: string): boolean {
  return Boolean(viewer && (viewer.id === userId || isAdmin(viewer)));
}

export async function updateProfile(users: UserModel, userId: Types.ObjectId, changes: ProfileChanges): Promise<UserDoc | null> {
  return users.findOneAndUpdate({ _id: userId }, { $set: changes }, { returnDocument: 'after' }).lean<UserDoc>().exec();
}

/**
 * Makes a member a seller at once: the SELLER role and the profile are on the member's document,
 * which the other services read through the internal members endpoint (not the token's roles).
 * A second call updates headline, skills and languages and keeps the first `sellerSince`.
 */
export async function becomeSeller(users: UserModel, userId: Types.ObjectId, application: BecomeSellerInput, now: Date): Promise<UserDoc | null> {
  // Only a member who is not a seller yet gets a sellerSince; the precondition makes it set-once.
  await users
    .updateOne({ _id: userId, sellerProfile: null }, { $set: { sellerProfile: { headline: application.headline, sellerSince: now } } })
    .exec();
  return users
    .findOneAndUpdate(
      { _id: userId },
      {
        $set: { 'sellerProfile.headline': application.headline, skills: application.skills, languages: application.languages },
        $addToSet: { roles: 'SELLER' },
      },
      { returnDocument: 'after' },
    )
    .lean<UserDoc>()
    .exec();
}

/** Grants or revokes ADMIN by username (the admin command; never reachable through the API). */
/**
 * Moves a seller's start date back, for sellers whose track record predates their account here
 * (an import from another platform, or demo data). Never forward past now, never for a non-seller.
 */
export async function setSellerSince(users: UserModel, username: string, since: Date, now = new Date()): Promise<UserDoc | null> {
  if (Number.isNaN(since.getTime()) || since > now) throw new RangeError('the seller start date must be a valid date in the past');
  return users
    .findOneAndUpdate({ username: username.trim().toLowerCase(), sellerProfile: { $ne: null } }, { $set: { 'sellerProfile.sellerSince': since } }, { returnDocument: 'after' })
    .lean<UserDoc>()
    .exec();
}

export async function setAdmin(users: UserModel, username: string, admin: boolean): Promise<UserDoc | null> {
  const update = admin ? { $addToSet: { roles: 'ADMIN' } } : { $pull: { roles: 'ADMIN' } };
  return users.findOneAndUpdate({ username: username.trim().toLowerCase() }, update, { returnDocument: 'after' }).lean<UserDoc>().exec();
}

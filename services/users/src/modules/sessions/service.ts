import { randomBytes } from 'node:crypto';
import { failWith, isDuplicateKey, newId, toObjectId } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { UsersContext } from '../../context.js';
import type { UserDoc } from '../profiles/index.js';
import {
  hashRefreshToken,
  REFRESH_REFUSALS,
  REFRESH_TOKEN_TTL_MS,
  refreshRefusal,
  spendRecordCutoff,
  type RefreshRefusal,
} from './rules.js';

/*
 * Sessions with rotating refresh tokens. A refresh token is live while it exists, has not expired,
 * has not been spent and its family has not been revoked. Spending one is an insert keyed by the
 * token's id, so of two simultaneous refreshes exactly one can win; the loser, like anyone
 * presenting a spent token, revokes the whole family (see model.ts for why inserts, not updates).
 */

/** What the client gets: the contract's `Session`. */
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** A member who proved who they are in this request, and their new session: the contract's `AuthPayload`. */
export interface SignedIn {
  session: SessionTokens;
  user: UserDoc;
}

export type RevokeReason = 'logout' | 'reuse' | 'password-change' | 'account-gone';

/** 256 random bits, opaque to the client. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

function refuse(reason: RefreshRefusal): never {
  return failWith(['input', 'refreshToken'], REFRESH_REFUSALS[reason], 'INVALID');
}

/**
 * The payload of a sign-up, log-in or refresh. The member proved who they are in this request, so
 * the payload shows them their own private fields although the request carried no token of theirs.
 */
function signedIn(ctx: UsersContext, user: UserDoc, session: SessionTokens): SignedIn {
  ctx.provenMembers.add(String(user._id));
  return { session, user };
}

/** A new session family for a fresh log-in or sign-up. */
export async function openSession(ctx: UsersContext, user: UserDoc): Promise<SignedIn> {
  return signedIn(ctx, user, await issue(ctx, user, newId(), ctx.clock()));
}

/** Trades a refresh token for a new session of its family; a spent token presented again revokes the family. */
export async function refreshSession(ctx: UsersContext, refreshToken: string): Promise<SignedIn> {
  const now = ctx.clock();
  const session = await ctx.models.Session.findOne({ tokenHash: hashRefreshToken(refreshToken) })
    .lean()
    .exec();
  if (!session) return refuse('unknown');
  const refusal = refreshRefusal(session, await isRevoked(ctx, session.familyId), now);
  if (refusal) return refuse(refusal);
  try {
    await ctx.models.SessionSpend.create({ _id: session._id, familyId: session.familyId, at: now });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await revokeFamily(ctx, { familyId: session.familyId, userId: session.userId, reason: 'reuse' });
    return refuse('reused');
  }
  const user = await ctx.models.User.findById(session.userId).lean<UserDoc>().exec();
  if (!user) {
    await revokeFamily(ctx, { familyId: session.familyId, userId: session.userId, reason: 'account-gone' });
    return refuse('unknown');
  }
  const tokens = await issue(ctx, user, session.familyId, now);
  // A simultaneous reuse of the same token may have revoked the family while we issued: then this
  // refresh fails too. A revocation landing after this check still kills the new refresh token,
  // because every refresh checks its family.
  if (await isRevoked(ctx, session.familyId)) return refuse('revoked');
  return signedIn(ctx, user, tokens);
}

/** Ends the family of a refresh token (spent or not); an unknown token is refused. */
export async function logOut(ctx: UsersContext, refreshToken: string): Promise<true> {
  const session = await ctx.models.Session.findOne({ tokenHash: hashRefreshToken(refreshToken) })
    .lean()
    .exec();
  if (!session) return refuse('unknown');
  await revokeFamily(ctx, { familyId: session.familyId, userId: session.userId, reason: 'logout' });
  return true;
}

/** Ends every live session family of a member except `keepFamilyId` (the caller's own). */
export async function endOtherSessions(
  ctx: UsersContext,
  input: { userId: Types.ObjectId; keepFamilyId: string | null; reason: RevokeReason },
): Promise<void> {
  const { userId, reason } = input;
  const families = await ctx.models.Session.distinct('familyId', { userId, expiresAt: { $gt: ctx.clock() } }).exec();
  const keep = input.keepFamilyId ? toObjectId(input.keepFamilyId) : null;
  const others = families.filter((id) => !keep || !keep.equals(id));
  await Promise.all(others.map((familyId) => revokeFamily(ctx, { familyId, userId, reason })));
}

export async function revokeFamily(
  ctx: UsersContext,
  input: { familyId: Types.ObjectId; userId: Types.ObjectId; reason: RevokeReason },
): Promise<void> {
  try {
    await ctx.models.FamilyRevocation.create({ _id: input.familyId, userId: input.userId, reason: input.reason, at: ctx.clock() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // already revoked: the first reason stays
  }
}

async function isRevoked(ctx: UsersContext, familyId: Types.ObjectId): Promise<boolean> {
  return (await ctx.models.FamilyRevocation.exists({ _id: familyId }).exec()) !== null;
}

/**
 * Deletes what ended before `cutoff`: expired tokens, and every token of a family revoked before
 * then. A spend or revocation record is kept as long as a token it speaks for may still exist.
 */
export async function deleteEndedSessions(ctx: UsersContext, cutoff: Date): Promise<{ sessions: number; revokedFamilies: number }> {
  const { Session, SessionSpend, FamilyRevocation } = ctx.models;
  const revoked = (
    await FamilyRevocation.find({ at: { $lt: cutoff } }, { _id: 1 })
      .limit(1000)
      .lean()
      .exec()
  ).map((r) => r._id);
  let deleted = 0;
  if (revoked.length) {
    deleted += (await Session.deleteMany({ familyId: { $in: revoked } }).exec()).deletedCount;
    await SessionSpend.deleteMany({ familyId: { $in: revoked } }).exec();
  }
  deleted += (await Session.deleteMany({ expiresAt: { $lt: cutoff } }).exec()).deletedCount;
  await SessionSpend.deleteMany({ at: { $lt: spendRecordCutoff(cutoff) } }).exec();
  if (revoked.length) await FamilyRevocation.deleteMany({ _id: { $in: revoked } }).exec();
  return { sessions: deleted, revokedFamilies: revoked.length };
}

async function issue(ctx: UsersContext, user: UserDoc, familyId: Types.ObjectId, now: Date): Promise<SessionTokens> {
  const refreshToken = newRefreshToken();
  const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  await ctx.models.Session.create({
    tokenHash: hashRefreshToken(refreshToken),
    familyId,
    userId: user._id,
    createdAt: now,
    expiresAt: refreshTokenExpiresAt,
  });
  const access = ctx.signAccessToken({ userId: String(user._id), roles: user.roles, sessionId: String(familyId) }, now);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
}

import { createHash, randomBytes } from 'node:crypto';
import { newId, toObjectId, type Role } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { UserDoc, UserModel } from '../accounts/model.js';
import type { AccessTokenSigner } from './access-token.js';
import type { FamilyRevocationModel, SessionModel, SessionSpendModel } from './model.js';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;

/** What the client gets: the contract's `Session`. */
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** 256 random bits, opaque to the client. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored: a leaked sessions collection yields no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type RefreshFailure = 'unknown' | 'expired' | 'reused' | 'revoked';
export type RefreshOutcome = { ok: true; session: SessionTokens; user: UserDoc } | { ok: false; reason: RefreshFailure };

export type RevokeReason = 'logout' | 'reuse' | 'password-change' | 'account-gone';

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

interface Deps {
  users: UserModel;
  sessions: SessionModel;
  spends: SessionSpendModel;
  revocations: FamilyRevocationModel;
  sign: AccessTokenSigner;
  clock: () => Date;
}

/**
 * Sessions with rotating refresh tokens. A refresh token is live while it exists, has not expired,
 * has not been spent and its family has not been revoked. Spending one is an insert keyed by the
 * token's id, so of two simultaneous refreshes exactly one can win; the loser, like anyone
 * presenting a spent token, revokes the whole family (see model.ts for why inserts, not updates).
 */
export class SessionManager {
  constructor(private readonly deps: Deps) {}

  /** A new session family for a fresh log-in or sign-up. */
  async open(user: UserDoc): Promise<SessionTokens> {
    return this.issue(user, newId(), this.deps.clock());
  }

  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const now = this.deps.clock();
    const session = await this.deps.sessions.findOne({ tokenHash: hashRefreshToken(refreshToken) }).lean().exec();
    if (!session) return { ok: false, reason: 'unknown' };
    if (await this.isRevoked(session.familyId)) return { ok: false, reason: 'revoked' };
    if (session.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    try {
      await this.deps.spends.create({ _id: session._id, familyId: session.familyId, at: now });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.revokeFamily(session.familyId, session.userId, 'reuse');
      return { ok: false, reason: 'reused' };
    }
    const user = await this.deps.users.findById(session.userId).lean<UserDoc>().exec();
    if (!user) {
      await this.revokeFamily(session.familyId, session.userId, 'account-gone');
      return { ok: false, reason: 'unknown' };
    }
    const tokens = await this.issue(user, session.familyId, now);
    // A simultaneous reuse of the same token may have revoked the family while we issued: then this
    // refresh fails too. A revocation landing after this check still kills the new refresh token,
    // because every refresh checks its family.
    if (await this.isRevoked(session.familyId)) return { ok: false, reason: 'revoked' };
    return { ok: true, session: tokens, user };
  }

  /** Ends the family of a refresh token (spent or not); false when the token is unknown. */
  async logOut(refreshToken: string): Promise<boolean> {
    const session = await this.deps.sessions.findOne({ tokenHash: hashRefreshToken(refreshToken) }).lean().exec();
    if (!session) return false;
    await this.revokeFamily(session.familyId, session.userId, 'logout');
    return true;
  }

  /** Ends every live session family of a member except `keepFamilyId` (the caller's own). */
  async endOtherSessions(userId: Types.ObjectId, keepFamilyId: string | null, reason: RevokeReason = 'password-change'): Promise<void> {
    const now = this.deps.clock();
    const families = (await this.deps.sessions.distinct('familyId', { userId, expiresAt: { $gt: now } }).exec()) as Types.ObjectId[];
    const keep = keepFamilyId ? toObjectId(keepFamilyId) : null;
    const others = families.filter((id) => !keep || !keep.equals(id));
    await Promise.all(others.map((familyId) => this.revokeFamily(familyId, userId, reason)));
  }

  async revokeFamily(familyId: Types.ObjectId, userId: Types.ObjectId, reason: RevokeReason): Promise<void> {
    try {
      await this.deps.revocations.create({ _id: familyId, userId, reason, at: this.deps.clock() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // already revoked: the first reason stays
    }
  }

  private async isRevoked(familyId: Types.ObjectId): Promise<boolean> {
    return (await this.deps.revocations.exists({ _id: familyId }).exec()) !== null;
  }

  /**
   * Deletes what ended before `cutoff`: expired tokens, and every token of a family revoked before
   * then. A spend or revocation record is kept as long as a token it speaks for may still exist.
   */
  async deleteEnded(cutoff: Date): Promise<{ sessions: number; revokedFamilies: number }> {
    const { sessions, spends, revocations } = this.deps;
    const revoked = (await revocations.find({ at: { $lt: cutoff } }, { _id: 1 }).limit(1000).lean().exec()).map((r) => r._id);
    let deleted = 0;
    if (revoked.length) {
      deleted += (await sessions.deleteMany({ familyId: { $in: revoked } }).exec()).deletedCount;
      await spends.deleteMany({ familyId: { $in: revoked } }).exec();
    }
    deleted += (await sessions.deleteMany({ expiresAt: { $lt: cutoff } }).exec()).deletedCount;
    // A spent token expires at most one lifetime after it was spent; its record can go after that.
    const lifetimeAgo = new Date(cutoff.getTime() - REFRESH_TOKEN_TTL_MS);
    await spends.deleteMany({ at: { $lt: lifetimeAgo } }).exec();
    if (revoked.length) await revocations.deleteMany({ _id: { $in: revoked } }).exec();
    return { sessions: deleted, revokedFamilies: revoked.length };
  }

  private async issue(user: UserDoc, familyId: Types.ObjectId, now: Date): Promise<SessionTokens> {
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
    await this.deps.sessions.create({
      tokenHash: hashRefreshToken(refreshToken),
      familyId,
      userId: user._id,
      createdAt: now,
      expiresAt: refreshTokenExpiresAt,
    });
    const access = await this.deps.sign({ userId: String(user._id), roles: user.roles as Role[], sessionId: String(familyId) }, now);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
  }
}

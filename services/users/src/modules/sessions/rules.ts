import { createHash } from 'node:crypto';

/** A refresh token lives 30 days; an access token 15 minutes (see access-token.ts). */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;

/** Only this is stored: a leaked sessions collection yields no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type RefreshRefusal = 'unknown' | 'expired' | 'reused' | 'revoked';

/** What the member reads when a refresh token is refused (code INVALID on input.refreshToken). */
export const REFRESH_REFUSALS: Record<RefreshRefusal, string> = {
  unknown: 'This refresh token is not valid: log in again.',
  expired: 'This refresh token has expired: log in again.',
  reused: 'This refresh token was already used. For your safety every session of that log-in has been ended: log in again.',
  revoked: 'This session has ended: log in again.',
};

/**
 * Why a known refresh token may not be spent at `now`, or null when it may: its family was revoked
 * (whatever its expiry), or it expired. Spending it a second time is the database's to notice.
 */
export function refreshRefusal(session: { expiresAt: Date }, familyRevoked: boolean, now: Date): 'revoked' | 'expired' | null {
  if (familyRevoked) return 'revoked';
  if (session.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

/** A spent token expires at most one lifetime after it was spent: its spend record may go after that. */
export function spendRecordCutoff(cutoff: Date): Date {
  return new Date(cutoff.getTime() - REFRESH_TOKEN_TTL_MS);
}

import type { UsersContext } from '../../context.js';

/**
 * Log-in throttling in fixed windows: after `perAccount` failures for one account, or `perAddress`
 * from one client address, within a window, every further attempt is refused until the window ends.
 * Counters live in the database, so they hold across restarts and across instances.
 */
export interface ThrottlePolicy {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const LOGIN_THROTTLE: ThrottlePolicy = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };

/** The start of the fixed window `now` falls in. */
export function windowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Whole seconds until the window `now` falls in is over (at least 1). */
export function retryAfterSeconds(now: Date, windowMs: number): number {
  const end = windowStart(now, windowMs).getTime() + windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

export interface ThrottleKey {
  key: string;
  limit: number;
}

/**
 * Keys of one attempt. An unknown login is counted under its own name, so a wrong name is throttled
 * exactly like a real account and the refusal tells nothing about which accounts exist.
 */
export function throttleKeys(policy: ThrottlePolicy, account: { userId: string } | { login: string }, address: string): ThrottleKey[] {
  const accountKey = 'userId' in account ? `account:${account.userId}` : `login:${account.login}`;
  return [
    { key: accountKey, limit: policy.perAccount },
    { key: `address:${address}`, limit: policy.perAddress },
  ];
}

/** True when any counter has reached its limit. */
export function isThrottled(keys: readonly ThrottleKey[], counts: ReadonlyMap<string, number>): boolean {
  return keys.some(({ key, limit }) => (counts.get(key) ?? 0) >= limit);
}

/** Null when the attempt may go ahead, else the seconds until it may. */
export async function checkThrottle(ctx: UsersContext, keys: readonly ThrottleKey[]): Promise<number | null> {
  const now = ctx.clock();
  const start = windowStart(now, ctx.throttle.windowMs);
  const counts = new Map<string, number>();
  await Promise.all(
    keys.map(async ({ key }) => counts.set(key, await ctx.models.LoginFailure.countDocuments({ key, windowStart: start }).exec())),
  );
  return isThrottled(keys, counts) ? retryAfterSeconds(now, ctx.throttle.windowMs) : null;
}

export async function recordLoginFailure(ctx: UsersContext, keys: readonly ThrottleKey[]): Promise<void> {
  const start = windowStart(ctx.clock(), ctx.throttle.windowMs);
  await ctx.models.LoginFailure.insertMany(keys.map(({ key }) => ({ key, windowStart: start })));
}

/** Deletes windows that ended long ago (the cleanup job). */
export async function deleteOldLoginFailures(ctx: UsersContext, olderThan: Date): Promise<number> {
  const { deletedCount } = await ctx.models.LoginFailure.deleteMany({ windowStart: { $lt: olderThan } }).exec();
  return deletedCount;
}

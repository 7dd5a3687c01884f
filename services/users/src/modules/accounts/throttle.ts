import { isDuplicateKey } from '@gigmart/shared';
import type { UsersContext } from '../../context.js';

/**
 * Log-in throttling in fixed windows: at most `perAccount` attempts for one account, and
 * `perAddress` from one client address, may have their password checked within a window; every
 * further attempt is refused until the window ends. An attempt takes its place before the check
 * (one conditional update per key), so simultaneous attempts get no more checks than sequential
 * ones; a successful attempt gives its place back, a failed one keeps it. Counters live in the
 * database, so they hold across restarts and across instances.
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

/**
 * Sign-ups in fixed windows: at most `perAddress` sign-up attempts from one client address, counted
 * whatever their outcome (an account made, TAKEN, broken input), none ever given back. A sign-up
 * must say when an email is taken; the limit makes finding out which emails are registered slow.
 */
export interface SignUpThrottlePolicy {
  windowMs: number;
  perAddress: number;
}

/** 20 an hour: the demo seed makes 15 accounts from one address; an office behind one address signs up a few. */
export const SIGN_UP_THROTTLE: SignUpThrottlePolicy = { windowMs: 60 * 60_000, perAddress: 20 };

export function signUpThrottleKeys(policy: SignUpThrottlePolicy, address: string): ThrottleKey[] {
  return [{ key: `signup:${address}`, limit: policy.perAddress }];
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

/** The places one attempt holds: given back with `releaseAttempt` when it should not count. */
export interface Reservation {
  keys: readonly ThrottleKey[];
  windowStart: Date;
}

export type AttemptOutcome = { reservation: Reservation } | { retryAfterSeconds: number };

/**
 * Takes a place for one attempt under every key, or none: when any key is used up in this window,
 * the places taken under the others are given back and the answer is how long to wait.
 */
export async function reserveAttempt(ctx: UsersContext, keys: readonly ThrottleKey[], windowMs: number): Promise<AttemptOutcome> {
  const now = ctx.clock();
  const reservation: Reservation = { keys, windowStart: windowStart(now, windowMs) };
  const taken = await Promise.all(keys.map((key) => takePlace(ctx, key, reservation.windowStart)));
  if (taken.every(Boolean)) return { reservation };
  await releaseAttempt(ctx, { keys: keys.filter((_, i) => taken[i]), windowStart: reservation.windowStart });
  return { retryAfterSeconds: retryAfterSeconds(now, windowMs) };
}

/** Gives back the places of an attempt that does not count (a success, or one refused under another key). */
export async function releaseAttempt(ctx: UsersContext, reservation: Reservation): Promise<void> {
  await Promise.all(
    reservation.keys.map(({ key }) =>
      ctx.models.ThrottleCounter.updateOne(
        { key, windowStart: reservation.windowStart, count: { $gt: 0 } },
        { $inc: { count: -1 } },
      ).exec(),
    ),
  );
}

/**
 * One place under `key`: the counter goes up only while it is under the limit, in one conditional
 * update, so of any number of simultaneous attempts exactly `limit` succeed.
 */
async function takePlace(ctx: UsersContext, { key, limit }: ThrottleKey, start: Date): Promise<boolean> {
  const { ThrottleCounter } = ctx.models;
  const underLimit = { key, windowStart: start, count: { $lt: limit } };
  if ((await ThrottleCounter.updateOne(underLimit, { $inc: { count: 1 } }).exec()).modifiedCount === 1) return true;
  // No counter for this window yet, or it is used up: make sure it exists, then ask once more.
  try {
    await ThrottleCounter.updateOne({ key, windowStart: start }, { $setOnInsert: { count: 0 } }, { upsert: true }).exec();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // a simultaneous attempt made it
  }
  return (await ThrottleCounter.updateOne(underLimit, { $inc: { count: 1 } }).exec()).modifiedCount === 1;
}

/** Deletes windows that ended long ago (the cleanup job). */
export async function deleteOldThrottleCounters(ctx: UsersContext, olderThan: Date): Promise<number> {
  const { deletedCount } = await ctx.models.ThrottleCounter.deleteMany({ windowStart: { $lt: olderThan } }).exec();
  return deletedCount;
}

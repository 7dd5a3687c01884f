import type { ResponseFacts } from './model.js';

/** How a member's response rate and time are computed from the facts of their conversations. Pure. */

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
/** Conversations opened this long ago or less count. */
export const RESPONSE_PERIOD_MS = 90 * DAY_MS;
/** An answer counts when it came this soon after the opening; a block this soon leaves the conversation out. */
export const ANSWER_WITHIN_MS = DAY_MS;

export interface ResponseMetrics {
  /** 0-1; null when nobody opened a conversation with the member in the period. */
  rate: number | null;
  /** The median minutes to a first reply; null when there is none. */
  minutes: number | null;
}

export const NO_METRICS: ResponseMetrics = { rate: null, minutes: null };

/** The UTC day of `at` (the day documents are keyed by). */
export function dayOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** The first day whose documents may hold conversations of the period ending `now`. */
export function firstDayOf(now: Date): Date {
  return dayOf(new Date(now.getTime() - RESPONSE_PERIOD_MS));
}

export const responseDayId = (memberId: string, openedAt: Date): string => `${memberId}:${dayOf(openedAt).toISOString().slice(0, 10)}`;

/**
 * Left out: conversations the member blocked within 24 hours of the opening, unless they had
 * answered before blocking.
 */
function leftOut(facts: ResponseFacts): boolean {
  const { openedAt, repliedAt, blockedAt } = facts;
  if (!blockedAt || blockedAt.getTime() - openedAt.getTime() > ANSWER_WITHIN_MS) return false;
  return !repliedAt || repliedAt.getTime() > blockedAt.getTime();
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The contract's figures over the conversations others opened with the member in the 90 days up
 * to `now`: the share answered within 24 hours (a conversation opened less than 24 hours ago and
 * not answered yet counts as not answered), and the median time of the first replies, in whole
 * minutes.
 */
export function responseMetrics(conversations: readonly ResponseFacts[], now: Date): ResponseMetrics {
  const since = now.getTime() - RESPONSE_PERIOD_MS;
  const counted = conversations.filter((c) => c.openedAt.getTime() >= since && c.openedAt.getTime() <= now.getTime() && !leftOut(c));
  if (!counted.length) return NO_METRICS;
  const replyTimes = counted.flatMap((c) => (c.repliedAt ? [c.repliedAt.getTime() - c.openedAt.getTime()] : []));
  const answered = replyTimes.filter((ms) => ms <= ANSWER_WITHIN_MS).length;
  return {
    rate: answered / counted.length,
    minutes: replyTimes.length ? Math.round(median(replyTimes) / MINUTE_MS) : null,
  };
}

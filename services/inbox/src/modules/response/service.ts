import { isObjectId } from '@gigmart/shared';
import type { InboxContext, InboxModels } from '../../context.js';
import type { ResponseDayDoc, ResponseFacts } from './model.js';
import { dayOf, firstDayOf, responseDayId, responseMetrics, type ResponseMetrics } from './rules.js';

/** A member as this subgraph knows them: a reference to the users subgraph's User. */
export interface UserRef {
  id: string;
}

export interface ConversationResponseFacts extends ResponseFacts {
  /** The member the conversation was opened with. */
  memberId: string;
  conversationId: string;
}

/**
 * Writes what is known of a conversation another member opened with `memberId`: its opening, the
 * member's first reply, their first block. Idempotent (`$set` of the same values, `$min` of the
 * times), so the conversations module calls it after each of those changes, and again after any
 * later one without harm.
 */
export async function recordResponseFacts(ctx: Pick<InboxContext, 'models'>, facts: ConversationResponseFacts): Promise<void> {
  const { memberId, conversationId, openedAt, repliedAt, blockedAt } = facts;
  const at = `c.${conversationId}`;
  const earliest: Record<string, Date> = {};
  if (repliedAt) earliest[`${at}.repliedAt`] = repliedAt;
  if (blockedAt) earliest[`${at}.blockedAt`] = blockedAt;
  await ctx.models.ResponseDay.updateOne(
    { _id: responseDayId(memberId, openedAt) },
    { $set: { memberId, day: dayOf(openedAt), [`${at}.openedAt`]: openedAt }, ...(Object.keys(earliest).length ? { $min: earliest } : {}) },
    { upsert: true },
  ).exec();
}

/** The metrics of many members at `now`: one query, whatever their number (the request's loader batches). */
export async function responseMetricsOf(
  models: Pick<InboxModels, 'ResponseDay'>,
  memberIds: readonly string[],
  now: Date,
): Promise<Map<string, ResponseMetrics>> {
  const ids = [...new Set(memberIds.filter(isObjectId))];
  const found = new Map<string, ResponseMetrics>();
  if (!ids.length) return found;
  const days = await models.ResponseDay.find({ memberId: { $in: ids }, day: { $gte: firstDayOf(now) } })
    .lean<ResponseDayDoc[]>()
    .exec();
  const factsOf = new Map<string, ResponseFacts[]>();
  for (const day of days) {
    const list = factsOf.get(day.memberId) ?? [];
    list.push(...Object.values(day.c ?? {}));
    factsOf.set(day.memberId, list);
  }
  for (const [memberId, facts] of factsOf) found.set(memberId, responseMetrics(facts, now));
  return found;
}

/**
 * User.responseRate and User.responseTimeMinutes: public, for sellers only (null for everyone
 * else). The seller flag comes from the users service's member directory and the figures from the
 * request's loader, both batched over every user of the response.
 */
export async function responseOf(ctx: InboxContext, userId: string): Promise<ResponseMetrics | null> {
  if (!isObjectId(userId)) return null;
  const [member, metrics] = await Promise.all([ctx.members.get(userId), ctx.loaders.responseMetrics.load(userId)]);
  return member?.isSeller ? metrics : null;
}

import {
  afterFilter,
  failWith,
  isDuplicateKey,
  isObjectId,
  lazyCount,
  newId,
  pageSize,
  requireMember,
  requireViewer,
  sortOf,
  toConnection,
  unauthenticated,
  type Connection,
} from '@gigmart/shared';
import type { Types, UpdateQuery } from 'mongoose';
import type { InboxContext } from '../../context.js';
import type { ConversationIdInput, QueryConversationsArgs, UpdateConversationInput } from '../../generated/resolvers.js';
import { recordResponseFacts } from '../response/index.js';
import { SIDE_FIELDS, type ConversationDoc, type Side } from './model.js';
import {
  appendUpdate,
  byActivity,
  CONVERSATIONS_SORT,
  isBlocked,
  listFilters,
  NEW_CONVERSATIONS_PER_WINDOW,
  openedConversation,
  otherSide,
  pairOf,
  readTarget,
  sideOf,
  unreadFilters,
  viewOf,
  windowIdOf,
  windowStartOf,
  type ConversationView,
} from './rules.js';

/** A page of conversations (ConversationConnection). */
export type ConversationPage = Connection<ConversationDoc>;

/** How often a change that lost a race to another is tried again on the conversation as it is now. */
const ATTEMPTS = 5;

const notFound = (): never => failWith(['input', 'conversationId'], 'There is no such conversation.', 'NOT_FOUND');

/** The conversation if the viewer takes part in it; null otherwise (unknown, malformed and others' ids alike). */
export async function findVisibleConversation(ctx: InboxContext, id: string): Promise<ConversationDoc | null> {
  if (!ctx.viewer || !isObjectId(id)) return null;
  const conversation = await ctx.loaders.conversationById.load(id.toLowerCase());
  return conversation && sideOf(conversation, ctx.viewer.id) ? conversation : null;
}

/** The conversation as the viewer sees it (the viewer takes part in every conversation this subgraph returns). */
export function seenBy(ctx: InboxContext, conversation: ConversationDoc): ConversationView {
  const side = sideOf(conversation, ctx.viewer?.id);
  if (!side) throw new Error(`conversation ${String(conversation._id)} resolved for someone outside it`);
  return viewOf(conversation, side);
}

/** Keeps the request's loader in step with a conversation this request changed. */
function remember(ctx: InboxContext, conversation: ConversationDoc): ConversationDoc {
  const id = String(conversation._id);
  ctx.loaders.conversationById.clear(id).prime(id, conversation);
  return conversation;
}

async function reload(ctx: InboxContext, id: Types.ObjectId): Promise<ConversationDoc> {
  const conversation = await ctx.models.Conversation.findById(id).lean<ConversationDoc>().exec();
  if (!conversation) throw new Error(`conversation ${String(id)} disappeared`);
  return conversation;
}

export async function conversationWith(ctx: InboxContext, userId: string): Promise<ConversationDoc | null> {
  const viewer = ctx.viewer;
  if (!viewer || !isObjectId(userId)) return null;
  const other = userId.toLowerCase();
  if (other === viewer.id) return null;
  const conversation = await ctx.models.Conversation.findOne({ pairKey: pairOf(viewer.id, other).pairKey })
    .lean<ConversationDoc>()
    .exec();
  return conversation ? remember(ctx, conversation) : null;
}

/**
 * The viewer's conversations, most recently active first. A member is on side `a` of some and `b`
 * of others: one query per side, each limited to the page, merged here; two counts for totalCount.
 */
export async function conversationsOf(ctx: InboxContext, { filter, first, after }: QueryConversationsArgs): Promise<ConversationPage> {
  const viewer = requireViewer(ctx);
  const size = pageSize(first);
  const filters = listFilters(viewer.id, filter);
  const since = after ? afterFilter(CONVERSATIONS_SORT, after) : null;
  const pages = await Promise.all(
    filters.map((f) =>
      ctx.models.Conversation.find(since ? { $and: [f, since] } : f)
        .sort(sortOf(CONVERSATIONS_SORT))
        .limit(size + 1)
        .lean<ConversationDoc[]>()
        .exec(),
    ),
  );
  const docs = pages
    .flat()
    .sort(byActivity)
    .slice(0, size + 1);
  // A message of the page asking for its conversation finds it here.
  for (const doc of docs) remember(ctx, doc);
  const totalCount = lazyCount(async () =>
    (await Promise.all(filters.map((f) => ctx.models.Conversation.countDocuments(f).exec()))).reduce((x, y) => x + y, 0),
  );
  return toConnection(CONVERSATIONS_SORT, docs, size, totalCount, Boolean(after));
}

/** Badge counts; UNAUTHENTICATED without a viewer. */
/** InboxCounts as this module counts it; unreadNotifications is the notifications module's field. */
export interface ConversationCounts {
  unreadConversations: number;
}

export async function inboxCounts(ctx: InboxContext): Promise<ConversationCounts> {
  if (!ctx.viewer) throw unauthenticated();
  const counts = await Promise.all(unreadFilters(ctx.viewer.id).map((f) => ctx.models.Conversation.countDocuments(f).exec()));
  return { unreadConversations: counts.reduce((x, y) => x + y, 0) };
}

// ---------------------------------------------------------------------------------------------
// A new message: the conversation's side of sendMessage (messages/service.ts).

/**
 * Counts one more opening in the member's window, refusing the 21st (LIMIT_REACHED): a conditional
 * increment that matches only below the limit, so an upsert at the limit hits the unique `_id`.
 */
async function reserveOpening(ctx: InboxContext, memberId: string, at: Date): Promise<string> {
  const windowStart = windowStartOf(at);
  const _id = windowIdOf(memberId, windowStart);
  try {
    await ctx.models.OpeningWindow.updateOne(
      { _id, count: { $lt: NEW_CONVERSATIONS_PER_WINDOW } },
      { $inc: { count: 1 }, $setOnInsert: { memberId, windowStart } },
      { upsert: true },
    ).exec();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    failWith(
      null,
      `You can open at most ${NEW_CONVERSATIONS_PER_WINDOW} new conversations a day: write in the ones you have, or try again tomorrow (UTC).`,
      'LIMIT_REACHED',
    );
  }
  return _id;
}

/** Gives back an opening that did not happen (the pair's conversation was opened by the other side at the same moment). */
async function releaseOpening(ctx: InboxContext, windowId: string): Promise<void> {
  await ctx.models.OpeningWindow.updateOne({ _id: windowId, count: { $gt: 0 } }, { $inc: { count: -1 } }).exec();
}

export interface CountedMessage {
  /** The conversation with the message counted. */
  conversation: ConversationDoc;
  author: Side;
}

/**
 * Counts a new message of `authorId` to `recipientId` in their conversation, opening it when it is
 * the pair's first (insert or find: the unique pairKey makes two first messages at once open one
 * conversation, and the loser writes in the winner's). Refuses a blocked conversation
 * (INVALID_STATE) and an opening over the member's limit (LIMIT_REACHED). The message itself is
 * written by the caller, with the counts of the returned conversation.
 */
export async function countMessage(
  ctx: InboxContext,
  authorId: string,
  recipientId: string,
  messageId: Types.ObjectId,
  at: Date,
): Promise<CountedMessage> {
  const pair = pairOf(authorId, recipientId);
  const author: Side = authorId === pair.aId ? 'a' : 'b';
  const { Conversation } = ctx.models;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const existing = await Conversation.findOne({ pairKey: pair.pairKey }).lean<ConversationDoc>().exec();
    if (!existing) {
      const windowId = await reserveOpening(ctx, authorId, at);
      const opened = openedConversation(pair, authorId, recipientId, messageId, at, newId());
      try {
        await Conversation.create(opened);
      } catch (error) {
        await releaseOpening(ctx, windowId);
        if (isDuplicateKey(error)) continue;
        throw error;
      }
      await recordResponseFacts(ctx, { memberId: recipientId, conversationId: String(opened._id), openedAt: at });
      return { conversation: remember(ctx, opened), author };
    }
    if (isBlocked(existing)) {
      failWith(
        null,
        'This conversation is blocked: nobody can write in it until the member who blocked it lifts the block.',
        'INVALID_STATE',
      );
    }
    const counted = await Conversation.findOneAndUpdate(
      { _id: existing._id, aBlocked: false, bBlocked: false },
      appendUpdate(existing, author, messageId, at),
      {
        returnDocument: 'after',
      },
    )
      .lean<ConversationDoc>()
      .exec();
    if (!counted) continue; // blocked meanwhile: the next round refuses
    if (authorId === counted.recipientId && counted.firstReplyAt?.getTime() === at.getTime()) await recordFacts(ctx, counted);
    return { conversation: remember(ctx, counted), author };
  }
  throw new Error(`conversation ${pair.pairKey} kept changing while a message was counted`);
}

/** The response facts of a conversation, as it is now (response module). */
function recordFacts(ctx: InboxContext, conversation: ConversationDoc): Promise<void> {
  return recordResponseFacts(ctx, {
    memberId: conversation.recipientId,
    conversationId: String(conversation._id),
    openedAt: conversation.openedAt,
    ...(conversation.firstReplyAt ? { repliedAt: conversation.firstReplyAt } : {}),
    ...(conversation.recipientBlockedAt ? { blockedAt: conversation.recipientBlockedAt } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Mutations.

async function conversationForChange(ctx: InboxContext, id: string): Promise<{ conversation: ConversationDoc; side: Side }> {
  const conversation = await findVisibleConversation(ctx, id);
  // Another pair's conversation is reported as missing, so its existence does not leak.
  if (!conversation) return notFound();
  return { conversation, side: sideOf(conversation, ctx.viewer?.id)! };
}

/**
 * Marks the counterpart's messages read, up to and including `upToMessageId` (a message of either
 * side) or all of them: one conditional update of the viewer's read count (matching the counts it
 * read, so a message arriving meanwhile is not marked by accident), then readAt on the messages it
 * covers (also those a previous mark covered and a failure left unstamped).
 */
export async function markConversationRead(ctx: InboxContext, input: ConversationIdInput): Promise<ConversationDoc> {
  await requireMember(ctx);
  const found = await conversationForChange(ctx, input.conversationId);
  const { side } = found;
  let { conversation } = found;
  let upTo: { aSent: number; bSent: number } | null = null;
  if (input.upToMessageId != null) {
    const message = isObjectId(input.upToMessageId) ? await ctx.loaders.messageById.load(input.upToMessageId.toLowerCase()) : null;
    if (!message || !message.conversationId.equals(conversation._id)) {
      failWith(['input', 'upToMessageId'], 'There is no such message in this conversation.', 'NOT_FOUND');
    }
    upTo = message;
  }
  const mine = SIDE_FIELDS[side];
  const theirs = SIDE_FIELDS[otherSide(side)];
  const now = ctx.clock();
  for (let attempt = 0; ; attempt += 1) {
    const target = readTarget(conversation, side, upTo);
    if (target === conversation[mine.read]) break;
    const update: UpdateQuery<ConversationDoc> = { $set: { [mine.read]: target, [mine.unread]: conversation[theirs.sent] - target } };
    const marked = await ctx.models.Conversation.findOneAndUpdate(
      { _id: conversation._id, [mine.read]: conversation[mine.read], [theirs.sent]: conversation[theirs.sent] },
      update,
      { returnDocument: 'after' },
    )
      .lean<ConversationDoc>()
      .exec();
    if (marked) {
      conversation = marked;
      // The viewer's unread count changed: their badges follow live.
      ctx.live.countsChanged([conversation[mine.id]]);
      break;
    }
    if (attempt + 1 >= ATTEMPTS) throw new Error(`conversation ${String(conversation._id)} kept changing while it was marked read`);
    conversation = await reload(ctx, conversation._id);
  }
  await ctx.models.Message.updateMany(
    { conversationId: conversation._id, authorId: conversation[theirs.id], authorSeq: { $lte: conversation[mine.read] }, readAt: null },
    { $set: { readAt: now } },
  ).exec();
  return remember(ctx, conversation);
}

/**
 * Sets the viewer's flags (one update of their own side's fields). Blocking stops both sides from
 * writing; only the member who blocked can lift it (INVALID_STATE for the other one).
 */
export async function updateConversation(ctx: InboxContext, input: UpdateConversationInput): Promise<ConversationDoc> {
  const { viewer } = await requireMember(ctx);
  const { conversation, side } = await conversationForChange(ctx, input.conversationId);
  const mine = SIDE_FIELDS[side];
  const theirs = SIDE_FIELDS[otherSide(side)];
  if (input.blocked === false && !conversation[mine.blocked] && conversation[theirs.blocked]) {
    failWith(['input', 'blocked'], 'Only the member who blocked this conversation can lift the block.', 'INVALID_STATE');
  }
  const set: Record<string, boolean> = {};
  if (input.starred != null) set[mine.starred] = input.starred;
  if (input.archived != null) set[mine.archived] = input.archived;
  if (input.blocked != null) set[mine.blocked] = input.blocked;
  if (!Object.keys(set).length) return conversation;
  const now = ctx.clock();
  const blocksAsRecipient = input.blocked === true && viewer.id === conversation.recipientId;
  const updated = await ctx.models.Conversation.findOneAndUpdate(
    { _id: conversation._id, [mine.id]: viewer.id },
    { $set: set, ...(blocksAsRecipient ? { $min: { recipientBlockedAt: now } } : {}) },
    { returnDocument: 'after' },
  )
    .lean<ConversationDoc>()
    .exec();
  if (!updated) return notFound();
  // A block or its lifting changes both members' unread conversations.
  if (input.blocked != null) ctx.live.countsChanged([updated.aId, updated.bId]);
  if (blocksAsRecipient && updated.recipientBlockedAt?.getTime() === now.getTime()) await recordFacts(ctx, updated);
  return remember(ctx, updated);
}

// ---------------------------------------------------------------------------------------------
// For the orders service (routes.ts).

export interface HasWritten {
  /** The buyer wrote to the seller at least once. */
  hasWritten: boolean;
  /** Either of them blocked their conversation. */
  blocked: boolean;
}

export async function hasWritten(ctx: InboxContext, ids: { sellerId: string; buyerId: string }): Promise<HasWritten> {
  const [sellerId, buyerId] = [ids.sellerId.toLowerCase(), ids.buyerId.toLowerCase()];
  if (sellerId === buyerId) return { hasWritten: false, blocked: false };
  const pair = pairOf(sellerId, buyerId);
  const conversation = await ctx.models.Conversation.findOne({ pairKey: pair.pairKey }).lean<ConversationDoc>().exec();
  if (!conversation) return { hasWritten: false, blocked: false };
  const buyer = SIDE_FIELDS[buyerId === pair.aId ? 'a' : 'b'];
  return { hasWritten: conversation[buyer.sent] > 0, blocked: isBlocked(conversation) };
}

/** Deletes opening windows that ended before `before` (the cleanup job); returns how many. */
export async function deleteOldOpeningWindows(ctx: Pick<InboxContext, 'models'>, before: Date): Promise<number> {
  return (await ctx.models.OpeningWindow.deleteMany({ windowStart: { $lt: before } }).exec()).deletedCount;
}

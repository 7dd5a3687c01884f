import type { SortSpec } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { ConversationFilter } from '../../generated/resolvers.js';
import { SIDE_FIELDS, type ConversationDoc, type Side } from './model.js';

/** The rules of conversations: who is on which side, counters, filters, the opening limit. Pure. */

/** New conversations a member may open per window. */
export const NEW_CONVERSATIONS_PER_WINDOW = 20;
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Most recently active first (the time of the last message), newest id first among equals. */
export const CONVERSATIONS_SORT: SortSpec = { name: 'CONVERSATIONS', keys: [{ field: 'lastMessageAt', direction: -1 }] };

export interface Pair {
  pairKey: string;
  aId: string;
  bId: string;
}

/** The ordered pair of two members: the same whoever writes first. */
export function pairOf(x: string, y: string): Pair {
  const [aId, bId] = x < y ? [x, y] : [y, x];
  return { pairKey: `${aId}:${bId}`, aId, bId };
}

export const otherSide = (side: Side): Side => (side === 'a' ? 'b' : 'a');

/** The member's side of the conversation; null when they are not in it. */
export function sideOf(conversation: Pick<ConversationDoc, 'aId' | 'bId'>, memberId: string | null | undefined): Side | null {
  if (!memberId) return null;
  if (conversation.aId === memberId) return 'a';
  if (conversation.bId === memberId) return 'b';
  return null;
}

/** A conversation as one participant sees it. */
export interface ConversationView {
  side: Side;
  counterpartId: string;
  unreadCount: number;
  starred: boolean;
  archived: boolean;
  blocked: boolean;
  blockedByViewer: boolean;
}

export function viewOf(conversation: ConversationDoc, side: Side): ConversationView {
  const mine = SIDE_FIELDS[side];
  const theirs = SIDE_FIELDS[otherSide(side)];
  return {
    side,
    counterpartId: conversation[theirs.id],
    unreadCount: conversation[mine.unread],
    starred: conversation[mine.starred],
    archived: conversation[mine.archived],
    blocked: isBlocked(conversation),
    blockedByViewer: conversation[mine.blocked],
  };
}

export const isBlocked = (conversation: Pick<ConversationDoc, 'aBlocked' | 'bBlocked'>): boolean =>
  conversation.aBlocked || conversation.bBlocked;

/** A new conversation with its first message already counted. */
export function openedConversation(
  pair: Pair,
  authorId: string,
  recipientId: string,
  messageId: Types.ObjectId,
  at: Date,
  id: Types.ObjectId,
): ConversationDoc {
  const author = authorId === pair.aId ? 'a' : 'b';
  const sent = (side: Side) => (side === author ? 1 : 0);
  return {
    _id: id,
    ...pair,
    openedBy: authorId,
    recipientId,
    openedAt: at,
    lastMessageId: messageId,
    lastMessageAt: at,
    seq: 1,
    aSent: sent('a'),
    bSent: sent('b'),
    aRead: 0,
    bRead: 0,
    // The recipient has the first message to read.
    aUnread: sent('b'),
    bUnread: sent('a'),
    aStarred: false,
    bStarred: false,
    aArchived: false,
    bArchived: false,
    aBlocked: false,
    bBlocked: false,
  };
}

/**
 * The update that counts a new message of `author`: one more message, one more unread for the
 * counterpart, whose archive it leaves, and, when the author is the member the conversation was
 * opened with, the time of their first reply ($min: the earliest stays).
 */
export function appendUpdate(conversation: ConversationDoc, author: Side, messageId: Types.ObjectId, at: Date) {
  const mine = SIDE_FIELDS[author];
  const theirs = SIDE_FIELDS[otherSide(author)];
  return {
    $inc: { seq: 1, [mine.sent]: 1, [theirs.unread]: 1 },
    $set: { lastMessageId: messageId, lastMessageAt: at, [theirs.archived]: false },
    ...(conversation[mine.id] === conversation.recipientId ? { $min: { firstReplyAt: at } } : {}),
  };
}

/** The message counts a new message of `author` gets: what the conversation holds after `appendUpdate`. */
export function countsAfter(conversation: Pick<ConversationDoc, 'seq' | 'aSent' | 'bSent'>): { seq: number; aSent: number; bSent: number } {
  return { seq: conversation.seq, aSent: conversation.aSent, bSent: conversation.bSent };
}

/**
 * How many of the counterpart's messages a read mark covers: all of them, or those up to and
 * including `upTo` (a message of either side, by the counts it was sent with). Never less than
 * what was read before: a read mark does not unread.
 */
export function readTarget(conversation: ConversationDoc, side: Side, upTo: { aSent: number; bSent: number } | null): number {
  const theirs = otherSide(side);
  const sent = theirs === 'a' ? 'aSent' : 'bSent';
  const target = upTo ? Math.min(upTo[sent], conversation[sent]) : conversation[sent];
  return Math.max(target, conversation[SIDE_FIELDS[side].read]);
}

/**
 * The filters of a member's conversations, one per side they may be on (a member is `a` in some
 * conversations and `b` in others): not archived unless `archived` is true, starred or not when
 * `starred` is given, with unread messages when `unreadOnly`.
 */
export function listFilters(memberId: string, filter: ConversationFilter | null | undefined): Array<Record<string, unknown>> {
  return (['a', 'b'] as const).map((side) => {
    const f = SIDE_FIELDS[side];
    return {
      [f.id]: memberId,
      [f.archived]: filter?.archived ?? false,
      ...(filter?.starred != null ? { [f.starred]: filter.starred } : {}),
      ...(filter?.unreadOnly ? { [f.unread]: { $gt: 0 } } : {}),
    };
  });
}

/** The filters of the member's conversations with unread messages, blocked ones left out (inboxCounts). */
export function unreadFilters(memberId: string): Array<Record<string, unknown>> {
  return (['a', 'b'] as const).map((side) => {
    const f = SIDE_FIELDS[side];
    return { [f.id]: memberId, [f.unread]: { $gt: 0 }, aBlocked: false, bBlocked: false };
  });
}

/** CONVERSATIONS_SORT as a comparison, to merge the pages of a member's two sides. */
export function byActivity(x: Pick<ConversationDoc, '_id' | 'lastMessageAt'>, y: Pick<ConversationDoc, '_id' | 'lastMessageAt'>): number {
  const time = y.lastMessageAt.getTime() - x.lastMessageAt.getTime();
  if (time !== 0) return time;
  const [xi, yi] = [String(x._id), String(y._id)];
  return xi === yi ? 0 : xi < yi ? 1 : -1;
}

/** The window a new conversation opened at `at` counts in: its UTC day. */
export function windowStartOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / WINDOW_MS) * WINDOW_MS);
}

export const windowIdOf = (memberId: string, windowStart: Date): string => `${memberId}:${windowStart.toISOString()}`;

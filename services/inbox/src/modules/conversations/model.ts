import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** The two participants of a conversation: `a` has the lower member id, `b` the higher one. */
export type Side = 'a' | 'b';

/**
 * One conversation per pair of members, with both participants' state in the one document, so that
 * every change (a message, a read mark, a flag) is one conditional update of it. Each side's fields
 * are top-level (`aId`, `aUnread`, ...): the local database pushes top-level conditions down to its
 * indexes, not nested ones.
 *
 * Counters: `seq` counts the messages, `<side>Sent` the messages of that side, `<side>Read` how many
 * of the counterpart's messages that side has read, `<side>Unread` the rest (counterpart's sent
 * minus read), kept beside them for the list filters and the badge counts.
 *
 * Indexes: `pairKey` unique (two first messages at once open one conversation); `aId` and `bId`
 * each with `lastMessageAt, _id` (a member's conversations, most recently active first).
 */
export interface ConversationDoc {
  _id: Types.ObjectId;
  /** `<aId>:<bId>`, the ordered pair. */
  pairKey: string;
  aId: string;
  bId: string;
  /** Who sent the first message, and to whom (the response metrics are the recipient's). */
  openedBy: string;
  recipientId: string;
  openedAt: Date;
  lastMessageId: Types.ObjectId | null;
  lastMessageAt: Date;
  seq: number;
  aSent: number;
  bSent: number;
  aRead: number;
  bRead: number;
  aUnread: number;
  bUnread: number;
  aStarred: boolean;
  bStarred: boolean;
  aArchived: boolean;
  bArchived: boolean;
  aBlocked: boolean;
  bBlocked: boolean;
  /** When the recipient first wrote in it; absent until then (set with $min: the earliest wins). */
  firstReplyAt?: Date;
  /** When the recipient first blocked it; absent until then. */
  recipientBlockedAt?: Date;
}

/** The names of one side's fields. */
export interface SideFields {
  id: 'aId' | 'bId';
  sent: 'aSent' | 'bSent';
  read: 'aRead' | 'bRead';
  unread: 'aUnread' | 'bUnread';
  starred: 'aStarred' | 'bStarred';
  archived: 'aArchived' | 'bArchived';
  blocked: 'aBlocked' | 'bBlocked';
}

export const SIDE_FIELDS: Readonly<Record<Side, SideFields>> = {
  a: { id: 'aId', sent: 'aSent', read: 'aRead', unread: 'aUnread', starred: 'aStarred', archived: 'aArchived', blocked: 'aBlocked' },
  b: { id: 'bId', sent: 'bSent', read: 'bRead', unread: 'bUnread', starred: 'bStarred', archived: 'bArchived', blocked: 'bBlocked' },
};

const count = { type: Number, required: true, default: 0 };
const flag = { type: Boolean, required: true, default: false };

const conversationSchema = new Schema<ConversationDoc>({
  pairKey: { type: String, required: true },
  aId: { type: String, required: true },
  bId: { type: String, required: true },
  openedBy: { type: String, required: true },
  recipientId: { type: String, required: true },
  openedAt: { type: Date, required: true },
  lastMessageId: { type: Schema.Types.ObjectId, default: null },
  lastMessageAt: { type: Date, required: true },
  seq: count,
  aSent: count,
  bSent: count,
  aRead: count,
  bRead: count,
  aUnread: count,
  bUnread: count,
  aStarred: flag,
  bStarred: flag,
  aArchived: flag,
  bArchived: flag,
  aBlocked: flag,
  bBlocked: flag,
  firstReplyAt: { type: Date },
  recipientBlockedAt: { type: Date },
});
conversationSchema.index({ pairKey: 1 }, { unique: true });
conversationSchema.index({ aId: 1, lastMessageAt: -1, _id: -1 });
conversationSchema.index({ bId: 1, lastMessageAt: -1, _id: -1 });

export type ConversationModel = Model<ConversationDoc>;

export function conversationModel(connection: Connection): ConversationModel {
  return connection.model<ConversationDoc>('Conversation', conversationSchema, 'conversations');
}

/**
 * How many new conversations a member opened in one window (rules.ts: a UTC day). One document per
 * member and window, `_id` `<memberId>:<window start>`; the count only goes up by a conditional
 * update that refuses the 21st, and down when an opening loses a race. The cleanup job deletes old
 * windows (the local database has no TTL indexes).
 */
export interface OpeningWindowDoc {
  _id: string;
  memberId: string;
  windowStart: Date;
  count: number;
}

const openingWindowSchema = new Schema<OpeningWindowDoc>({
  _id: { type: String, required: true },
  memberId: { type: String, required: true },
  windowStart: { type: Date, required: true },
  count: { type: Number, required: true, default: 0 },
});
openingWindowSchema.index({ windowStart: 1 });

export type OpeningWindowModel = Model<OpeningWindowDoc>;

export function openingWindowModel(connection: Connection): OpeningWindowModel {
  return connection.model<OpeningWindowDoc>('OpeningWindow', openingWindowSchema, 'openingwindows');
}

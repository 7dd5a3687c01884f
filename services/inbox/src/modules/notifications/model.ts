import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { NotificationChannel, NotificationKind } from '../../generated/resolvers.js';

/**
 * A notification of one member. `sourceKey` names what made it (an order event and kind, a
 * message, an order's lateness): unique per recipient, so a redelivered event makes nothing new.
 * `inApp` is the IN_APP preference when it was made (false: kept only for its email, never listed).
 * `email` is the mail outbox: PENDING until the mailer sent it (at most once, see mail.ts).
 * `mailDueAt` is when the mailer should next try it (the email's `nextAttemptAt` while PENDING or
 * SENDING; null once SENT or FAILED, and without mail): a top-level date, so that the mailer's
 * "due by now" is an index range, not a scan of every notification (README, "Date ranges").
 *
 * Indexes: `recipientId + sourceKey` unique; `recipientId, inApp, createdAt, _id` (the list, newest
 * first); `recipientId, inApp, readAt` (the unread count); `mailDueAt` (the mailer).
 */
export interface NotificationDoc {
  _id: Types.ObjectId;
  recipientId: string;
  sourceKey: string;
  kind: NotificationKind;
  text: string;
  actorId: string | null;
  orderId: string | null;
  conversationId: string | null;
  createdAt: Date;
  readAt: Date | null;
  inApp: boolean;
  email: NotificationEmailDoc | null;
  mailDueAt: Date | null;
}

export type EmailStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

export interface NotificationEmailDoc {
  status: EmailStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** The mailer instance that claimed it, until when. */
  lease: { owner: string; until: Date } | null;
  sentAt: Date | null;
  lastError: string | null;
}

const emailSchema = new Schema<NotificationEmailDoc>(
  {
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lease: { type: Schema.Types.Mixed, default: null },
    sentAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { _id: false },
);

const notificationSchema = new Schema<NotificationDoc>({
  recipientId: { type: String, required: true },
  sourceKey: { type: String, required: true },
  kind: { type: String, required: true },
  text: { type: String, required: true },
  actorId: { type: String, default: null },
  orderId: { type: String, default: null },
  conversationId: { type: String, default: null },
  createdAt: { type: Date, required: true },
  readAt: { type: Date, default: null },
  inApp: { type: Boolean, required: true },
  email: { type: emailSchema, default: null },
  mailDueAt: { type: Date, default: null },
});
notificationSchema.index({ recipientId: 1, sourceKey: 1 }, { unique: true });
notificationSchema.index({ recipientId: 1, inApp: 1, createdAt: -1, _id: -1 });
notificationSchema.index({ recipientId: 1, inApp: 1, readAt: 1 });
notificationSchema.index({ mailDueAt: 1 });

export type NotificationModel = Model<NotificationDoc>;

export function notificationModel(connection: Connection): NotificationModel {
  return connection.model<NotificationDoc>('Notification', notificationSchema, 'notifications');
}

/** A member's choice for one kind and channel; absent: the default (rules.ts). `_id` is `member:kind:channel`. */
export interface NotificationPreferenceDoc {
  _id: string;
  memberId: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
}

const preferenceSchema = new Schema<NotificationPreferenceDoc>({
  _id: { type: String, required: true },
  memberId: { type: String, required: true },
  kind: { type: String, required: true },
  channel: { type: String, required: true },
  enabled: { type: Boolean, required: true },
});
preferenceSchema.index({ memberId: 1 });

export type NotificationPreferenceModel = Model<NotificationPreferenceDoc>;

export function notificationPreferenceModel(connection: Connection): NotificationPreferenceModel {
  return connection.model<NotificationPreferenceDoc>('NotificationPreference', preferenceSchema, 'notificationPreferences');
}

/**
 * What the inbox knows of an order from its events, newest `sequence` wins: enough to notice that it
 * is past its due date (late.ts) without asking the orders service. `lateKey` is the due date the
 * `lateChecked`: the late job looked at it since its last event; `lease`: the job instance working on it.
 */
export interface OrderWatchDoc {
  _id: string;
  buyerId: string;
  sellerId: string;
  number: string;
  status: string;
  dueAt: Date | null;
  sequence: number;
  lateChecked: boolean;
  lease: { owner: string; until: Date } | null;
}

const orderWatchSchema = new Schema<OrderWatchDoc>({
  _id: { type: String, required: true },
  buyerId: { type: String, required: true },
  sellerId: { type: String, required: true },
  number: { type: String, required: true },
  status: { type: String, required: true },
  dueAt: { type: Date, default: null },
  sequence: { type: Number, required: true },
  lateChecked: { type: Boolean, default: false },
  lease: { type: Schema.Types.Mixed, default: null },
});
orderWatchSchema.index({ lateChecked: 1, status: 1, dueAt: 1 });

export type OrderWatchModel = Model<OrderWatchDoc>;

export function orderWatchModel(connection: Connection): OrderWatchModel {
  return connection.model<OrderWatchDoc>('OrderWatch', orderWatchSchema, 'orderWatches');
}

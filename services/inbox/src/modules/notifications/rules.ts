import { list, rule, type OfferEvent, type OfferEventType, type OrderActivityEvent, type SortSpec } from '@gigmart/shared';
import { z } from 'zod';
import type { NotificationChannel, NotificationKind } from '../../generated/resolvers.js';

/** The rules of notifications. Pure: no clock, no database. */

export const NOTIFICATION_KINDS = [
  'ORDER_PLACED',
  'REQUIREMENTS_SUBMITTED',
  'ORDER_DELIVERED',
  'REVISION_REQUESTED',
  'ORDER_COMPLETED',
  'ORDER_CANCELLED',
  'ORDER_LATE',
  'REVIEW_RECEIVED',
  'MESSAGE_RECEIVED',
  'OFFER_RECEIVED',
  'OFFER_ACCEPTED',
  'OFFER_DECLINED',
  'PARTIAL_REFUND_OFFERED',
  'EXTENSION_REQUESTED',
  'EXTENSION_ANSWERED',
  'CANCELLATION_REQUESTED',
  'CANCELLATION_ANSWERED',
  'DISPUTE_OPENED',
  'DISPUTE_RESOLVED',
  'EXTRAS_PURCHASED',
  'TIP_RECEIVED',
] as const satisfies readonly NotificationKind[];
export const NOTIFICATION_CHANNELS = ['IN_APP', 'EMAIL'] as const satisfies readonly NotificationChannel[];

/** The kinds that need an action of the recipient: EMAIL on by default (the contract). */
export const EMAIL_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'ORDER_PLACED',
  'REQUIREMENTS_SUBMITTED',
  'ORDER_DELIVERED',
  'REVISION_REQUESTED',
  'OFFER_RECEIVED',
  'EXTENSION_REQUESTED',
  'CANCELLATION_REQUESTED',
  'PARTIAL_REFUND_OFFERED',
  'DISPUTE_OPENED',
]);

export function defaultEnabled(kind: NotificationKind, channel: NotificationChannel): boolean {
  return channel === 'IN_APP' || EMAIL_BY_DEFAULT.has(kind);
}

export interface Preference {
  kind: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
}

/** Every kind and channel, in the contract's order: the member's choice where they made one, else the default. */
export function effectivePreferences(chosen: readonly Preference[]): Preference[] {
  const byKey = new Map(chosen.map((p) => [`${p.kind}:${p.channel}`, p.enabled]));
  return NOTIFICATION_KINDS.flatMap((kind) =>
    NOTIFICATION_CHANNELS.map((channel) => ({ kind, channel, enabled: byKey.get(`${kind}:${channel}`) ?? defaultEnabled(kind, channel) })),
  );
}

/** The viewer's list: newest first. */
export const NOTIFICATIONS_SORT: SortSpec = { name: 'NOTIFICATIONS', keys: [{ field: 'createdAt', direction: -1 }] };

export const MAX_MARK_READ_IDS = 100;

/** markNotificationsRead's input: `ids` (1-100) or `before`, exactly one. */
export const markNotificationsReadInput = z
  .object({
    ids: list(z.string(), { min: 1, max: MAX_MARK_READ_IDS, noun: 'ids' }).nullish(),
    before: z.date().nullish(),
  })
  .refine((input) => (input.ids ? 1 : 0) + (input.before ? 1 : 0) === 1, {
    ...rule('Give either ids or before, not both and not neither.', 'INVALID'),
    path: [],
    when: () => true,
  });

export const updateNotificationPreferencesInput = z.object({
  preferences: list(z.object({ kind: z.enum(NOTIFICATION_KINDS), channel: z.enum(NOTIFICATION_CHANNELS), enabled: z.boolean() }), {
    min: 1,
    max: NOTIFICATION_KINDS.length * NOTIFICATION_CHANNELS.length,
    noun: 'preferences',
  }),
});

// ---------------------------------------------------------------------------------------------
// What each event makes.

/** A notification to make: its text takes the actor's username (or "Someone" when unknown). */
export interface NotificationDraft {
  recipientId: string;
  /** Unique per recipient: the same source never makes a second notification. */
  sourceKey: string;
  kind: NotificationKind;
  actorId: string | null;
  orderId: string | null;
  conversationId: string | null;
  text: (actorName: string) => string;
}

type Party = 'buyer' | 'seller' | 'both' | 'counterpart';

interface OrderKindRule {
  kind: NotificationKind;
  to: Party;
  text: (actor: string, number: string) => string;
}

/**
 * What each change of an order tells whom. `counterpart`: the party who did not make the change
 * (both parties when an admin or the system made it). The kinds other engineers' changes add to
 * the orders' events (extensions, cancellation requests, disputes, extras, tips, partial refunds)
 * are mapped here by the name of the order event they record; an unknown kind makes nothing.
 */
export const ORDER_ACTIVITY_RULES: Readonly<Record<string, OrderKindRule>> = {
  PLACED: { kind: 'ORDER_PLACED', to: 'seller', text: (a, n) => `${a} placed order ${n}` },
  REQUIREMENTS_SUBMITTED: { kind: 'REQUIREMENTS_SUBMITTED', to: 'seller', text: (a, n) => `${a} submitted the requirements of order ${n}` },
  DELIVERED: { kind: 'ORDER_DELIVERED', to: 'buyer', text: (a, n) => `${a} delivered your order ${n}` },
  REVISION_REQUESTED: { kind: 'REVISION_REQUESTED', to: 'seller', text: (a, n) => `${a} asked for a revision of order ${n}` },
  COMPLETED: { kind: 'ORDER_COMPLETED', to: 'seller', text: (a, n) => `${a} accepted your delivery: order ${n} is complete` },
  AUTO_COMPLETED: {
    kind: 'ORDER_COMPLETED',
    to: 'both',
    text: (_a, n) => `Order ${n} was completed automatically, 3 days after its delivery`,
  },
  CANCELLED: { kind: 'ORDER_CANCELLED', to: 'counterpart', text: (a, n) => `${a} cancelled order ${n}` },
  REVIEWED: { kind: 'REVIEW_RECEIVED', to: 'seller', text: (a, n) => `${a} reviewed order ${n}` },
  MESSAGE: { kind: 'MESSAGE_RECEIVED', to: 'counterpart', text: (a, n) => `${a} wrote about order ${n}` },
  // Mapping point for the order events of the money, resolution and offers issues.
  EXTENSION_REQUESTED: { kind: 'EXTENSION_REQUESTED', to: 'counterpart', text: (a, n) => `${a} asked for more time on order ${n}` },
  EXTENSION_ACCEPTED: { kind: 'EXTENSION_ANSWERED', to: 'counterpart', text: (a, n) => `${a} accepted the extension of order ${n}` },
  EXTENSION_DECLINED: { kind: 'EXTENSION_ANSWERED', to: 'counterpart', text: (a, n) => `${a} declined the extension of order ${n}` },
  CANCELLATION_REQUESTED: { kind: 'CANCELLATION_REQUESTED', to: 'counterpart', text: (a, n) => `${a} asked to cancel order ${n}` },
  CANCELLATION_ACCEPTED: { kind: 'CANCELLATION_ANSWERED', to: 'counterpart', text: (a, n) => `${a} agreed to cancel order ${n}` },
  CANCELLATION_DECLINED: { kind: 'CANCELLATION_ANSWERED', to: 'counterpart', text: (a, n) => `${a} declined to cancel order ${n}` },
  PARTIAL_REFUND_OFFERED: {
    kind: 'PARTIAL_REFUND_OFFERED',
    to: 'counterpart',
    text: (a, n) => `${a} offered a partial refund on order ${n}`,
  },
  DISPUTE_OPENED: { kind: 'DISPUTE_OPENED', to: 'counterpart', text: (a, n) => `${a} opened a dispute on order ${n}` },
  DISPUTE_RESOLVED: { kind: 'DISPUTE_RESOLVED', to: 'both', text: (_a, n) => `The dispute on order ${n} was resolved` },
  EXTRAS_PURCHASED: { kind: 'EXTRAS_PURCHASED', to: 'seller', text: (a, n) => `${a} bought extras on order ${n}` },
  TIP_SENT: { kind: 'TIP_RECEIVED', to: 'seller', text: (a, n) => `${a} sent you a tip on order ${n}` },
};

/**
 * Offer events (OFFER_SENT, OFFER_ACCEPTED, OFFER_DECLINED: a seller's custom offer in a
 * conversation) map here by their kind, as order activity or, for the orders service's own offer
 * events (`offer.sent`, `offer.accepted`, `offer.declined`), through `offerEventNotifications`.
 */
export const OFFER_ACTIVITY_RULES: Readonly<Record<string, OrderKindRule>> = {
  OFFER_SENT: { kind: 'OFFER_RECEIVED', to: 'buyer', text: (a) => `${a} sent you a custom offer` },
  OFFER_ACCEPTED: {
    kind: 'OFFER_ACCEPTED',
    to: 'seller',
    text: (a, n) => (n ? `${a} accepted your offer: order ${n}` : `${a} accepted your offer`),
  },
  OFFER_DECLINED: { kind: 'OFFER_DECLINED', to: 'seller', text: (a) => `${a} declined your offer` },
};

/** The offer events that tell someone something, by the name of their rule; withdrawn and expired offers tell no one. */
const OFFER_EVENT_RULES: Readonly<Partial<Record<OfferEventType, string>>> = {
  'offer.sent': 'OFFER_SENT',
  'offer.accepted': 'OFFER_ACCEPTED',
  'offer.declined': 'OFFER_DECLINED',
};

/**
 * The notifications one offer event makes (once per event and recipient): the seller sent it, the
 * buyer answered it. `conversationId`: the pair's conversation when the inbox knows it.
 */
export function offerEventNotifications(event: OfferEvent, conversationId: string | null): NotificationDraft[] {
  const name = OFFER_EVENT_RULES[event.type];
  const found = name ? OFFER_ACTIVITY_RULES[name] : undefined;
  if (!name || !found) return [];
  const { sellerId, buyerId, orderId } = event.data;
  const actorId = event.type === 'offer.sent' ? sellerId : buyerId;
  return recipients(found.to, buyerId, sellerId, actorId)
    .filter((recipientId) => recipientId !== actorId)
    .map((recipientId) => ({
      recipientId,
      sourceKey: `offer-event:${event.id}:${name}`,
      kind: found.kind,
      actorId,
      orderId,
      conversationId,
      text: (actor: string) => found.text(actor, ''),
    }));
}

function recipients(to: Party, buyerId: string, sellerId: string, actorId: string | null): string[] {
  switch (to) {
    case 'buyer':
      return [buyerId];
    case 'seller':
      return [sellerId];
    case 'both':
      return [buyerId, sellerId];
    case 'counterpart':
      if (actorId === buyerId) return [sellerId];
      if (actorId === sellerId) return [buyerId];
      return [buyerId, sellerId];
  }
}

/** The notifications one order event makes: one per kind it names and recipient, never one to the actor. */
export function orderEventNotifications(event: OrderActivityEvent): NotificationDraft[] {
  const { orderId, sellerId, activity } = event.data;
  const { buyerId, number, actorId } = activity;
  return activity.kinds.flatMap((name) => {
    const found = ORDER_ACTIVITY_RULES[name] ?? OFFER_ACTIVITY_RULES[name];
    if (!found) return [];
    return recipients(found.to, buyerId, sellerId, actorId)
      .filter((recipientId) => recipientId !== actorId)
      .map((recipientId) => ({
        recipientId,
        sourceKey: `order-event:${event.id}:${name}`,
        kind: found.kind,
        actorId,
        orderId,
        conversationId: null,
        text: (actor: string) => found.text(actor, number),
      }));
  });
}

/** An order past its due date that its seller has not delivered: both parties hear of it once per due date. */
export function lateOrderNotifications(order: {
  id: string;
  buyerId: string;
  sellerId: string;
  number: string;
  dueAt: Date;
}): NotificationDraft[] {
  const key = `order-late:${order.id}:${order.dueAt.toISOString()}`;
  return [
    { recipientId: order.buyerId, text: () => `Order ${order.number} is past its due date and not delivered yet` },
    { recipientId: order.sellerId, text: () => `Order ${order.number} is late: it was due to be delivered by now` },
  ].map((d) => ({ ...d, sourceKey: key, kind: 'ORDER_LATE', actorId: null, orderId: order.id, conversationId: null }));
}

/** Statuses in which an order past its due date is late (waiting on the seller's delivery). */
export const LATE_STATUSES = ['IN_PROGRESS'] as const;

/** A message in a conversation: its recipient hears of it. */
export function messageNotification(message: {
  id: string;
  conversationId: string;
  authorId: string;
  recipientId: string;
}): NotificationDraft {
  return {
    recipientId: message.recipientId,
    sourceKey: `message:${message.id}`,
    kind: 'MESSAGE_RECEIVED',
    actorId: message.authorId,
    orderId: null,
    conversationId: message.conversationId,
    text: (actor) => `${actor} sent you a message`,
  };
}

// ---------------------------------------------------------------------------------------------
// Notification mail (mail.ts sends it).

/** How long a mailer instance holds a claimed mail before another may take it over. */
export const MAIL_LEASE_MS = 60_000;
/** Attempts after which a mail is given up (FAILED): about two days of retries. */
export const MAIL_MAX_ATTEMPTS = 12;

/** The wait after the `attempts`-th failed attempt: 30 s, doubling, at most 6 hours. */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** One notification mail, as nodemailer takes it. */
export interface NotificationMail {
  notificationId: string;
  messageId: string;
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
}

/** Where the notification leads in the web client: its order, its conversation, or the inbox. */
export function notificationLink(webUrl: string, n: { orderId: string | null; conversationId: string | null }): string {
  const base = webUrl.replace(/\/+$/, '');
  if (n.orderId) return `${base}/orders/${n.orderId}`;
  if (n.conversationId) return `${base}/inbox/${n.conversationId}`;
  return `${base}/inbox`;
}

/** The mail for a notification: its text as the subject and the body, with a link and why it came. */
export function notificationMail(
  n: { _id: unknown; text: string; orderId: string | null; conversationId: string | null },
  to: { email: string; displayName: string },
  options: { from: string; webUrl: string },
): NotificationMail {
  const id = String(n._id);
  const subject = n.text.length > 120 ? `${n.text.slice(0, 119)}…` : n.text;
  return {
    notificationId: id,
    messageId: `<notification-${id}@gigmart>`,
    from: options.from,
    to: { name: to.displayName, address: to.email },
    subject,
    text: [
      `Hi ${to.displayName},`,
      '',
      n.text,
      '',
      `See it on Gigmart: ${notificationLink(options.webUrl, n)}`,
      '',
      'You get this email because this notification has email on in your notification settings.',
    ].join('\n'),
  };
}

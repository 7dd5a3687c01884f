import {
  findPage,
  isDuplicateKey,
  isObjectId,
  isOrderActivityEvent,
  newId,
  parseInput,
  requireViewer,
  withUserErrorsPayload,
  type UserError,
  type Connection,
  type DomainEvent,
  type OrderActivityEvent,
} from '@gigmart/shared';
import type { InboxContext } from '../../context.js';
import type {
  MarkNotificationsReadInput,
  NotificationChannel,
  NotificationKind,
  QueryNotificationsArgs,
  UpdateNotificationPreferencesInput,
} from '../../generated/resolvers.js';
import type { NotificationDoc } from './model.js';
import {
  defaultEnabled,
  effectivePreferences,
  markNotificationsReadInput,
  NOTIFICATIONS_SORT,
  orderEventNotifications,
  updateNotificationPreferencesInput,
  type NotificationDraft,
  type Preference,
} from './rules.js';

export type NotificationPage = Connection<NotificationDoc>;

const listed = (memberId: string) => ({ recipientId: memberId, inApp: true });

// ---------------------------------------------------------------------------------------------
// Reading.

/** The viewer's notifications (IN_APP), newest first; `unreadOnly` leaves out the read ones. */
export function notificationsOf(ctx: InboxContext, args: QueryNotificationsArgs): Promise<NotificationPage> {
  const viewer = requireViewer(ctx);
  const filter = { ...listed(viewer.id), ...(args.unreadOnly ? { readAt: null } : {}) };
  return findPage<NotificationDoc>(ctx.models.Notification, { filter, sort: NOTIFICATIONS_SORT, first: args.first, after: args.after });
}

/** One of the viewer's listed notifications; null for anyone else's. */
export async function findVisibleNotification(ctx: InboxContext, id: string): Promise<NotificationDoc | null> {
  if (!ctx.viewer || !isObjectId(id)) return null;
  const found = await ctx.loaders.notificationById.load(id.toLowerCase());
  return found && found.recipientId === ctx.viewer.id && found.inApp ? found : null;
}

export function unreadNotifications(ctx: InboxContext, memberId: string): Promise<number> {
  return ctx.models.Notification.countDocuments({ ...listed(memberId), readAt: null }).exec();
}

/** InboxCounts.unreadNotifications of the viewer. */
export function unreadNotificationsOfViewer(ctx: InboxContext): Promise<number> {
  return unreadNotifications(ctx, requireViewer(ctx).id);
}

export async function preferencesOf(ctx: InboxContext, memberId: string): Promise<Preference[]> {
  const chosen = await ctx.models.NotificationPreference.find({ memberId }).lean().exec();
  return effectivePreferences(chosen);
}

export function viewerPreferences(ctx: InboxContext): Promise<Preference[]> {
  return preferencesOf(ctx, requireViewer(ctx).id);
}

// ---------------------------------------------------------------------------------------------
// Changing.

/**
 * Marks read the viewer's given notifications (only their own: others' ids change nothing and are
 * not reported, as invisible ids are not there), or every one created at or before `before`.
 */
export async function markNotificationsRead(
  ctx: InboxContext,
  input: MarkNotificationsReadInput,
): Promise<{ unreadNotifications: number }> {
  const viewer = requireViewer(ctx);
  const { ids, before } = parseInput(markNotificationsReadInput, input);
  const which = ids ? { _id: { $in: ids.filter(isObjectId).map((id) => id.toLowerCase()) } } : { createdAt: { $lte: before } };
  const changed = await ctx.models.Notification.updateMany(
    { ...listed(viewer.id), readAt: null, ...which },
    { $set: { readAt: ctx.clock() } },
  ).exec();
  if (changed.modifiedCount > 0) ctx.live.countsChanged([viewer.id]);
  return { unreadNotifications: await unreadNotifications(ctx, viewer.id) };
}

/** The payload of markNotificationsRead: with the unread count as it is also when the input was refused. */
export async function markNotificationsReadPayload(
  ctx: InboxContext,
  input: MarkNotificationsReadInput,
): Promise<{ unreadNotifications: number; userErrors: UserError[] }> {
  const viewer = requireViewer(ctx);
  const result = await withUserErrorsPayload({ unreadNotifications: null }, () => markNotificationsRead(ctx, input));
  return { ...result, unreadNotifications: result.unreadNotifications ?? (await unreadNotifications(ctx, viewer.id)) };
}

/** Stores the viewer's choices (one upsert per kind and channel); answers every preference. */
export async function updateNotificationPreferences(ctx: InboxContext, input: UpdateNotificationPreferencesInput): Promise<Preference[]> {
  const viewer = requireViewer(ctx);
  const { preferences } = parseInput(updateNotificationPreferencesInput, input);
  await ctx.models.NotificationPreference.bulkWrite(
    preferences.map((p) => ({
      updateOne: {
        filter: { _id: `${viewer.id}:${p.kind}:${p.channel}` },
        update: { $set: { memberId: viewer.id, kind: p.kind, channel: p.channel, enabled: p.enabled } },
        upsert: true,
      },
    })),
  );
  return preferencesOf(ctx, viewer.id);
}

// ---------------------------------------------------------------------------------------------
// Making notifications.

/** Who is it? The actor's username, or "Someone" for a member the users service does not know (any more). */
async function actorName(ctx: InboxContext, actorId: string | null): Promise<string> {
  if (!actorId) return 'Gigmart';
  const member = await ctx.members.get(actorId).catch(() => null);
  return member?.username ?? 'Someone';
}

/**
 * Makes each draft once per recipient and source (an upsert on the unique recipientId + sourceKey:
 * a redelivered event, a retry or a second instance find it made and change nothing), following
 * the recipient's preferences: nothing when both channels are off. A new listed one is pushed live.
 * Returns the notifications this call made.
 */
export async function makeNotifications(ctx: InboxContext, drafts: readonly NotificationDraft[]): Promise<NotificationDoc[]> {
  const made: NotificationDoc[] = [];
  const choices = new Map<string, Map<string, boolean>>();
  const enabled = async (memberId: string, kind: NotificationKind, channel: NotificationChannel) => {
    let mine = choices.get(memberId);
    if (!mine) {
      const docs = await ctx.models.NotificationPreference.find({ memberId }).lean().exec();
      mine = new Map(docs.map((d) => [`${d.kind}:${d.channel}`, d.enabled]));
      choices.set(memberId, mine);
    }
    return mine.get(`${kind}:${channel}`) ?? defaultEnabled(kind, channel);
  };
  const now = ctx.clock();
  for (const draft of drafts) {
    const inApp = await enabled(draft.recipientId, draft.kind, 'IN_APP');
    const email = await enabled(draft.recipientId, draft.kind, 'EMAIL');
    if (!inApp && !email) continue;
    const doc: NotificationDoc = {
      _id: newId(),
      recipientId: draft.recipientId,
      sourceKey: draft.sourceKey,
      kind: draft.kind,
      text: draft.text(await actorName(ctx, draft.actorId)),
      actorId: draft.actorId,
      orderId: draft.orderId,
      conversationId: draft.conversationId,
      createdAt: now,
      readAt: null,
      inApp,
      email: email ? { status: 'PENDING', attempts: 0, nextAttemptAt: now, lease: null, sentAt: null, lastError: null } : null,
      mailDueAt: email ? now : null,
    };
    try {
      const result = await ctx.models.Notification.updateOne(
        { recipientId: draft.recipientId, sourceKey: draft.sourceKey },
        { $setOnInsert: doc },
        { upsert: true },
      ).exec();
      if (result.upsertedCount === 0) continue;
    } catch (error) {
      // Two deliveries of the same event at once: the other one made it.
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    made.push(doc);
    if (inApp) {
      ctx.live.notificationAdded({ id: String(doc._id), recipientId: doc.recipientId });
      ctx.live.countsChanged([doc.recipientId]);
    }
  }
  if (made.some((n) => n.email)) ctx.mailer.wake();
  return made;
}

/**
 * The consumer of the orders service's events (HTTP route or NATS): each order activity makes its
 * notifications and updates what the inbox knows of the order's due date (late.ts). Idempotent and
 * safe in any order of arrival: notifications are unique per event, the order's newest sequence wins.
 */
export async function applyOrderEvents(ctx: InboxContext, events: readonly DomainEvent[]): Promise<void> {
  for (const event of events) {
    if (!isOrderActivityEvent(event)) {
      ctx.logger.debug({ eventId: event.id, type: event.type }, 'ignoring an event without order activity');
      continue;
    }
    await watchOrder(ctx, event);
    await makeNotifications(ctx, orderEventNotifications(event));
  }
}

async function watchOrder(ctx: InboxContext, event: OrderActivityEvent): Promise<void> {
  const { orderId, sellerId, status, activity } = event.data;
  const facts = {
    buyerId: activity.buyerId,
    sellerId,
    number: activity.number,
    status,
    dueAt: activity.dueAt ? new Date(activity.dueAt) : null,
    sequence: event.sequence,
    lateChecked: false,
  };
  try {
    await ctx.models.OrderWatch.updateOne(
      { _id: orderId, sequence: { $lt: event.sequence } },
      { $set: facts, $setOnInsert: { lease: null } },
      { upsert: true },
    ).exec();
  } catch (error) {
    // Known already at this or a newer sequence.
    if (!isDuplicateKey(error)) throw error;
  }
}

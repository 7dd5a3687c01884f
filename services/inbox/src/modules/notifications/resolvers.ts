import { withUserErrorsPayload } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import {
  findVisibleNotification,
  markNotificationsReadPayload,
  notificationsOf,
  unreadNotificationsOfViewer,
  updateNotificationPreferences,
  viewerPreferences,
} from './service.js';

export const notificationsResolvers: Resolvers = {
  Query: {
    notifications: (_, args, ctx) => notificationsOf(ctx, args),
    notificationPreferences: (_, __, ctx) => viewerPreferences(ctx),
    notification: (_, { id }, ctx) => findVisibleNotification(ctx, id),
  },
  Mutation: {
    markNotificationsRead: (_, { input }, ctx) => markNotificationsReadPayload(ctx, input),
    updateNotificationPreferences: async (_, { input }, ctx) => {
      const result = await withUserErrorsPayload({ preferences: null }, () =>
        updateNotificationPreferences(ctx, input).then((preferences) => ({ preferences })),
      );
      return { ...result, preferences: result.preferences ?? (await viewerPreferences(ctx)) };
    },
  },
  InboxCounts: {
    unreadNotifications: (_, __, ctx) => unreadNotificationsOfViewer(ctx),
  },
  Notification: {
    __resolveReference: (ref, ctx) => findVisibleNotification(ctx, ref.id),
    id: (n) => String(n._id),
    actor: (n) => (n.actorId ? { id: n.actorId } : null),
    order: (n) => (n.orderId ? { id: n.orderId } : null),
    conversation: (n, _, ctx) => (n.conversationId ? ctx.loaders.conversationById.load(n.conversationId) : null),
  },
};

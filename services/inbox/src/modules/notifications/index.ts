import type { SubgraphModule } from '@gigmart/shared';
import { notificationsResolvers } from './resolvers.js';
import { notificationsTypeDefs } from './schema.js';

/**
 * Notifications: made from the orders' events (routes.ts, or NATS) and from messages, the late
 * orders job, the list and read state, preferences, and the email outbox (mail.ts).
 */
export const notificationsModule: SubgraphModule = { typeDefs: notificationsTypeDefs, resolvers: notificationsResolvers };
export {
  notificationModel,
  notificationPreferenceModel,
  orderWatchModel,
  type NotificationDoc,
  type NotificationModel,
  type NotificationPreferenceModel,
  type OrderWatchModel,
} from './model.js';
export { messageNotification, offerEventNotifications } from './rules.js';
export { applyOrderEvents, makeNotifications, type NotificationPage } from './service.js';
export { startLateOrdersJob, type LateOrdersJob } from './late.js';
export { registerOrderEventRoutes } from './routes.js';
export {
  backfillMailDueAt,
  dueMailFilter,
  fileTransport,
  smtpTransport,
  startNotificationMailer,
  type MailPass,
  type MailTransport,
  type NotificationMailer,
} from './mail.js';

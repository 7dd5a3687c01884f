import {
  createByIdLoader,
  createGroupedLoader,
  type BaseContext,
  type DataLoader,
  type MediaClient,
  type MemberDirectory,
} from '@gigmart/shared';
import type { Connection } from 'mongoose';
import {
  conversationModel,
  openingWindowModel,
  type ConversationDoc,
  type ConversationModel,
  type OpeningWindowModel,
} from './modules/conversations/index.js';
import { idempotencyKeyModel, type IdempotencyKeyModel } from './modules/idempotency/index.js';
import type { LiveChannel } from './modules/live/index.js';
import { messageModel, type MessageDoc, type MessageModel } from './modules/messages/index.js';
import {
  notificationModel,
  notificationPreferenceModel,
  orderWatchModel,
  type NotificationDoc,
  type NotificationModel,
  type NotificationPreferenceModel,
  type OrderWatchModel,
} from './modules/notifications/index.js';
import { NO_METRICS, responseDayModel, responseMetricsOf, type ResponseDayModel, type ResponseMetrics } from './modules/response/index.js';

export interface InboxModels {
  Conversation: ConversationModel;
  /** New conversations per member and day (the opening limit). */
  OpeningWindow: OpeningWindowModel;
  Message: MessageModel;
  IdempotencyKey: IdempotencyKeyModel;
  /** The facts the response metrics are computed from, per member and day. */
  ResponseDay: ResponseDayModel;
  Notification: NotificationModel;
  NotificationPreference: NotificationPreferenceModel;
  /** What the inbox knows of each order from its events (the late orders job). */
  OrderWatch: OrderWatchModel;
}

/** The service's models, registered on its connection. */
export function inboxModels(connection: Connection): InboxModels {
  return {
    Conversation: conversationModel(connection),
    OpeningWindow: openingWindowModel(connection),
    Message: messageModel(connection),
    IdempotencyKey: idempotencyKeyModel(connection),
    ResponseDay: responseDayModel(connection),
    Notification: notificationModel(connection),
    NotificationPreference: notificationPreferenceModel(connection),
    OrderWatch: orderWatchModel(connection),
  };
}

/** What start-up builds once and every request shares. */
export interface InboxServices {
  models: InboxModels;
  /** The time: services take it from here, never from `new Date()`, so tests move it. */
  clock: () => Date;
  /** Members (do they exist, are they sellers), from the users service. */
  members: MemberDirectory;
  /** Live events to the gateway (a new message, notification, changed counts); best effort. */
  live: LiveChannel;
  /** The email outbox's sender: woken when a notification to send by email was made. */
  mailer: { wake(): void };
  /** The media service's attach route (message attachments); null without MEDIA_URL: no file can be sent. */
  media: MediaClient | null;
}

/** Per-request loaders: everything asked for many conversations, messages or users at once is one query per batch. */
export interface InboxLoaders {
  /** Conversations by id, whoever asks: callers apply the visibility rule. */
  conversationById: DataLoader<string, ConversationDoc | null>;
  messageById: DataLoader<string, MessageDoc | null>;
  notificationById: DataLoader<string, NotificationDoc | null>;
  /** Response metrics by member id, at the time of the batch. */
  responseMetrics: DataLoader<string, ResponseMetrics>;
}

export interface InboxContext extends BaseContext, InboxServices {
  loaders: InboxLoaders;
}

/**
 * A request's context: who is asking, the shared services, and this request's loaders. Work no
 * member asked for (internal routes, the cleanup job) passes `viewer: null`.
 */
export function createContext(base: BaseContext, services: InboxServices): InboxContext {
  const { models, clock } = services;
  return {
    ...base,
    ...services,
    loaders: {
      conversationById: createByIdLoader<ConversationDoc>(models.Conversation),
      messageById: createByIdLoader<MessageDoc>(models.Message),
      notificationById: createByIdLoader<NotificationDoc>(models.Notification),
      responseMetrics: createGroupedLoader(
        (ids) => responseMetricsOf(models, ids, clock()),
        () => NO_METRICS,
      ),
    },
  };
}

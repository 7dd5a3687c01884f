import { liveEvent, type EventPublisher, type LiveEvent, type Logger, type MessageAddedData } from '@gigmart/shared';

/**
 * The inbox's live events to the gateway (shared/src/events/live.ts): a new message, a new
 * notification, a member's counts that changed. Sent after the write they describe, without
 * waiting and without retrying: a push is a signal for the subscriber to read again; the stored
 * message or notification is the record (clients read the lists again when they reconnect).
 */
export interface LiveChannel {
  messageAdded(data: MessageAddedData): void;
  notificationAdded(notification: { id: string; recipientId: string }): void;
  countsChanged(memberIds: readonly string[]): void;
}

export const NO_LIVE: LiveChannel = { messageAdded() {}, notificationAdded() {}, countsChanged() {} };

export function createLiveChannel(publisher: EventPublisher, logger: Logger): LiveChannel {
  const send = (event: LiveEvent) => {
    publisher.publish([event]).catch((error: unknown) => {
      logger.debug({ err: error, type: event.type }, 'live event not delivered (best effort)');
    });
  };
  const now = () => new Date();
  return {
    messageAdded: (data) => send(liveEvent('message.added', data.conversationId, data, now())),
    notificationAdded: (n) =>
      send(liveEvent('notification.added', n.recipientId, { notificationId: n.id, recipientId: n.recipientId }, now())),
    countsChanged: (memberIds) => {
      if (memberIds.length) send(liveEvent('inbox.counts_changed', memberIds[0]!, { memberIds: [...new Set(memberIds)] }, now()));
    },
  };
}

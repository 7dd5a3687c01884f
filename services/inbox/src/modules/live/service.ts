import type { InboxContext } from '../../context.js';
import type { MessageDoc } from '../messages/index.js';
import { makeNotifications, messageNotification } from '../notifications/index.js';

/**
 * After a message is stored (messages/service.ts): the recipient's MESSAGE_RECEIVED notification
 * (once per message, whatever the retries) and the live events of the message and of the recipient's
 * counts. A failure here does not undo the message: it is logged, and a repeat of the same
 * sendMessage (idempotency key) makes what is missing.
 */
export async function afterMessageStored(ctx: InboxContext, message: MessageDoc, recipientId: string): Promise<void> {
  const id = String(message._id);
  const conversationId = String(message.conversationId);
  ctx.live.messageAdded({ messageId: id, conversationId, authorId: message.authorId, participantIds: [message.authorId, recipientId] });
  ctx.live.countsChanged([recipientId]);
  try {
    await makeNotifications(ctx, [messageNotification({ id, conversationId, authorId: message.authorId, recipientId })]);
  } catch (error) {
    ctx.logger.error({ err: error, messageId: id }, 'the notification of a message could not be made');
  }
}

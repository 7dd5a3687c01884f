import { isOfferEvent, UserErrorsException, isDuplicateKey, type DomainEvent, type OfferEvent } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { InboxContext } from '../../context.js';
import { countMessage } from '../conversations/index.js';
import { countedMessage } from '../messages/index.js';
import { makeNotifications, offerEventNotifications } from '../notifications/index.js';

/**
 * The consumer of the orders service's offer events, for either transport (they come with the
 * order events, through the one orders relay). `offer.sent` adds a message carrying the offer to
 * the pair's conversation, written by the seller; the message's id is the offer's, so a
 * redelivered event finds it and changes nothing. Sending, accepting and declining also make their
 * notifications (notifications/rules.ts, once per event and recipient). Otherwise the offer's later
 * events need nothing here: Message.offer is a reference the orders subgraph resolves with its live
 * status, so events arriving late or out of order cannot show a stale one. Resolving is the
 * acknowledgement.
 */
export async function applyOfferEvents(ctx: InboxContext, events: readonly DomainEvent[]): Promise<void> {
  for (const event of events) {
    if (!isOfferEvent(event)) continue; // order events and the like: the notifications module's
    const conversationId = await offerConversation(ctx, event);
    await makeNotifications(ctx, offerEventNotifications(event, conversationId));
  }
}

/** The conversation carrying the offer: adds its message on `offer.sent`; null when there is none (blocked). */
async function offerConversation(ctx: InboxContext, event: OfferEvent): Promise<string | null> {
  const { offerId } = event.data;
  const messageId = new Types.ObjectId(offerId);
  const existing = await ctx.models.Message.findById(messageId, { conversationId: 1 }).lean().exec();
  if (existing) return String(existing.conversationId);
  return event.type === 'offer.sent' ? addOfferMessage(ctx, event, messageId) : null;
}

async function addOfferMessage(ctx: InboxContext, event: OfferEvent, messageId: Types.ObjectId): Promise<string | null> {
  const { offerId, sellerId, buyerId } = event.data;
  const sentAt = ctx.clock();
  let counted;
  try {
    counted = await countMessage(ctx, sellerId, buyerId, messageId, sentAt);
  } catch (error) {
    // Blocked since the offer was sent: the offer stays in the orders service, without a message.
    if (error instanceof UserErrorsException) {
      ctx.logger.warn({ offerId, userErrors: error.userErrors }, 'offer message not added');
      return null;
    }
    throw error;
  }
  const message = countedMessage(counted, { _id: messageId, authorId: sellerId, body: '', sentAt, offerId });
  const conversationId = String(message.conversationId);
  try {
    await ctx.models.Message.create(message);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // the same event, delivered twice at once: the other one wrote it
    return conversationId;
  }
  ctx.live.messageAdded({ messageId: offerId, conversationId, authorId: sellerId, participantIds: [sellerId, buyerId] });
  ctx.live.countsChanged([buyerId]);
  return conversationId;
}

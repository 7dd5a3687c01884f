import { isOfferEvent, UserErrorsException, isDuplicateKey, type DomainEvent, type OfferEvent } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { InboxContext } from '../../context.js';
import { countMessage } from '../conversations/index.js';
import { countedMessage } from '../messages/index.js';

/**
 * The consumer of the orders service's offer events, for either transport. `offer.sent` adds a
 * message carrying the offer to the pair's conversation, written by the seller; the message's id is
 * the offer's, so a redelivered event finds it and changes nothing. The offer's later events need
 * nothing here: Message.offer is a reference the orders subgraph resolves with its live status, so
 * events arriving late or out of order cannot show a stale one. Resolving is the acknowledgement.
 */
export async function applyOfferEvents(ctx: InboxContext, events: readonly DomainEvent[]): Promise<void> {
  for (const event of events) {
    if (!isOfferEvent(event)) continue; // order facts and the like are for other consumers (one NATS stream)
    if (event.type === 'offer.sent') await addOfferMessage(ctx, event);
  }
}

async function addOfferMessage(ctx: InboxContext, event: OfferEvent): Promise<void> {
  const { offerId, sellerId, buyerId } = event.data;
  const messageId = new Types.ObjectId(offerId);
  if (await ctx.models.Message.exists({ _id: messageId }).exec()) return;
  const sentAt = ctx.clock();
  let counted;
  try {
    counted = await countMessage(ctx, sellerId, buyerId, messageId, sentAt);
  } catch (error) {
    // Blocked since the offer was sent: the offer stays in the orders service, without a message.
    if (error instanceof UserErrorsException) {
      ctx.logger.warn({ offerId, userErrors: error.userErrors }, 'offer message not added');
      return;
    }
    throw error;
  }
  const message = countedMessage(counted, { _id: messageId, authorId: sellerId, body: '', sentAt, offerId });
  try {
    await ctx.models.Message.create(message);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // the same event, delivered twice at once: the other one wrote it
  }
}

import { randomUUID } from 'node:crypto';
import { startPeriodicJob, type BackgroundTask, type Logger } from '@gigmart/shared';
import type { Types } from 'mongoose';
import { createContext, type OrdersServices } from '../../context.js';
import { expireOffer, offersDueForExpiry } from './service.js';

export const OFFER_EXPIRY_INTERVAL_MS = 60_000;
const BATCH = 100;

export interface OfferExpiryJob {
  /** One pass at `now`: writes EXPIRED on every PENDING offer past its expiry; returns how many. */
  runOnce(now?: Date): Promise<number>;
  /** Runs a pass every `intervalMs` until stopped. */
  start(intervalMs?: number): BackgroundTask;
}

/**
 * Marks PENDING offers past `expiresAt` EXPIRED, recording `offer.expired` for the inbox. Readers
 * already see such offers as EXPIRED (rules.ts effectiveStatus); the job makes it stored, and told.
 * Safe with several instances: each expiry is the same conditional update as a withdrawal or an
 * acceptance, so a second instance (or the buyer accepting at that very moment) finds nothing left to
 * change. A pass is the system's request: a context with no viewer, whose clock says the pass's `now`.
 */
export function createOfferExpiryJob(services: OrdersServices, logger: Logger): OfferExpiryJob {
  const runOnce = async (now: Date = services.clock()): Promise<number> => {
    const ctx = createContext({ requestId: `offer-expiry:${randomUUID()}`, logger, viewer: null }, { ...services, clock: () => now });
    let expired = 0;
    let after: Types.ObjectId | null = null;
    for (;;) {
      const due = await offersDueForExpiry(ctx, after, BATCH);
      for (const offer of due) {
        if (await expireOffer(ctx, offer)) expired += 1;
      }
      const last = due.at(-1);
      if (due.length < BATCH || !last) break;
      after = last._id;
    }
    if (expired) logger.info({ expired }, 'expired pending offers');
    return expired;
  };

  return {
    runOnce,
    start(intervalMs = OFFER_EXPIRY_INTERVAL_MS) {
      return startPeriodicJob({
        name: 'offer expiry',
        logger,
        intervalMs,
        run: async () => {
          await runOnce();
        },
      });
    },
  };
}

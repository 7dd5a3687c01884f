import type { BackgroundTask, Logger } from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { OrdersModels } from '../../context.js';
import { AUTO_COMPLETE_AFTER_MS } from './rules.js';
import { autoComplete } from './service.js';
import type { OrderDoc } from './model.js';

export const AUTO_COMPLETE_INTERVAL_MS = 60_000;
const BATCH = 100;

export interface AutoCompletionJob {
  /** One pass at `now`: completes every due order; returns how many this pass completed. */
  runOnce(now?: Date): Promise<number>;
  /** Runs a pass every `intervalMs` until stopped. */
  start(intervalMs?: number): BackgroundTask;
}

/**
 * Completes DELIVERED orders 3 days after their last delivery. Safe with several instances: each
 * completion is the same conditional update as a buyer's acceptance, so a second instance (or the
 * buyer accepting at that moment) simply finds nothing left to change.
 */
export function createAutoCompletionJob(models: OrdersModels, clock: () => Date, logger: Logger): AutoCompletionJob {
  const runOnce = async (now: Date = clock()): Promise<number> => {
    const cutoff = new Date(now.getTime() - AUTO_COMPLETE_AFTER_MS);
    let completed = 0;
    let lastId: Types.ObjectId | null = null;
    for (;;) {
      const due: Array<Pick<OrderDoc, '_id' | 'lastDeliveredAt' | 'version' | 'gigId' | 'sellerId'>> = await models.Order.find(
        { status: 'DELIVERED', lastDeliveredAt: { $lte: cutoff }, ...(lastId ? { _id: { $gt: lastId } } : {}) },
        { _id: 1, lastDeliveredAt: 1, version: 1, gigId: 1, sellerId: 1 },
      )
        .sort({ _id: 1 })
        .limit(BATCH)
        .lean<Array<Pick<OrderDoc, '_id' | 'lastDeliveredAt' | 'version' | 'gigId' | 'sellerId'>>>()
        .exec();
      for (const order of due) {
        if (await autoComplete(models, order, now)) completed += 1;
      }
      if (due.length < BATCH) break;
      lastId = due.at(-1)!._id;
    }
    if (completed) logger.info({ completed }, 'auto-completed delivered orders');
    return completed;
  };

  return {
    runOnce,
    start(intervalMs = AUTO_COMPLETE_INTERVAL_MS) {
      let running: Promise<unknown> | null = null;
      const timer = setInterval(() => {
        if (running) return; // a slow pass is never overlapped by the next
        running = runOnce()
          .catch((error: unknown) => logger.error({ err: error }, 'auto-completion failed'))
          .finally(() => {
            running = null;
          });
      }, intervalMs);
      timer.unref();
      return {
        stop: async () => {
          clearInterval(timer);
          await running;
        },
      };
    },
  };
}

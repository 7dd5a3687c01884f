import { randomUUID } from 'node:crypto';
import { startPeriodicJob, type BackgroundTask, type Logger } from '@gigmart/shared';
import type { Types } from 'mongoose';
import { createContext, type OrdersServices } from '../../context.js';
import { lapseRequests, ordersWithLapsedRequests } from './resolution.js';
import { autoComplete, ordersDueForAutoCompletion } from './service.js';

export const AUTO_COMPLETE_INTERVAL_MS = 60_000;
const BATCH = 100;

export interface AutoCompletionJob {
  /** One pass at `now`: completes every due order; returns how many this pass completed. */
  runOnce(now?: Date): Promise<number>;
  /** Runs a pass every `intervalMs` until stopped. */
  start(intervalMs?: number): BackgroundTask;
}

/**
 * Lapses requests unanswered by their respondBy (48 hours), then completes DELIVERED orders 3 days
 * after their last delivery. Safe with several instances: each
 * completion is the same conditional update as a buyer's acceptance, so a second instance (or the
 * buyer accepting at that moment) simply finds nothing left to change. A pass is a request of the
 * system's: a context with no viewer, whose clock says the pass's `now`.
 */
export function createAutoCompletionJob(services: OrdersServices, logger: Logger): AutoCompletionJob {
  const runOnce = async (now: Date = services.clock()): Promise<number> => {
    const ctx = createContext({ requestId: `auto-complete:${randomUUID()}`, logger, viewer: null }, { ...services, clock: () => now });
    // Requests past their respondBy lapse first (a lapsed cancellation cancels; a settled one restarts the 3 days).
    let lapsed = 0;
    for (let after: Types.ObjectId | null = null; ;) {
      const due = await ordersWithLapsedRequests(ctx, after, BATCH);
      for (const order of due) lapsed += await lapseRequests(ctx, order);
      const last = due.at(-1);
      if (due.length < BATCH || !last) break;
      after = last._id;
    }
    if (lapsed) logger.info({ lapsed }, 'lapsed unanswered requests');
    let completed = 0;
    let after: Types.ObjectId | null = null;
    for (;;) {
      const due = await ordersDueForAutoCompletion(ctx, after, BATCH);
      for (const order of due) {
        if (await autoComplete(ctx, order)) completed += 1;
      }
      const last = due.at(-1);
      if (due.length < BATCH || !last) break;
      after = last._id;
    }
    if (completed) logger.info({ completed }, 'auto-completed delivered orders');
    return completed;
  };

  return {
    runOnce,
    start(intervalMs = AUTO_COMPLETE_INTERVAL_MS) {
      return startPeriodicJob({
        name: 'auto-completion',
        logger,
        intervalMs,
        run: async () => {
          await runOnce();
        },
      });
    },
  };
}

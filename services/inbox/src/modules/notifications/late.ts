import { randomUUID } from 'node:crypto';
import type { BackgroundTask, Logger } from '@gigmart/shared';
import { createContext, type InboxServices } from '../../context.js';
import type { OrderWatchDoc } from './model.js';
import { LATE_STATUSES, lateOrderNotifications } from './rules.js';
import { makeNotifications } from './service.js';

export const LATE_CHECK_INTERVAL_MS = 60_000;
/** Longer than making two notifications takes: a crashed instance's claim is free again after it. */
const LATE_LEASE_MS = 60_000;

export interface LateOrdersJob extends BackgroundTask {
  /** One pass at the services' clock: makes ORDER_LATE for every order found late; returns how many orders. */
  runOnce(): Promise<number>;
}

/**
 * ORDER_LATE: orders the inbox knows (from the orders' events) that are past their due date and
 * still waiting for the seller's delivery. Each is claimed with a lease (a conditional update on
 * "due, not checked since its last event, no live lease", so of several inbox instances one
 * works on an order at a time, and a crashed one's claim expires), its two notifications are made
 * (idempotent: unique per order and due date, so even a lost lease makes nothing twice), then it is
 * marked checked (a newer event of the order, e.g. an extension, makes it unchecked again). "Now" is the services' clock (tests move it); leases are wall time.
 */
export function startLateOrdersJob(options: { services: InboxServices; logger: Logger; intervalMs?: number | undefined }): LateOrdersJob {
  const { services, logger } = options;
  const owner = randomUUID();
  let running: Promise<number> | null = null;

  const claim = async (now: Date): Promise<OrderWatchDoc | null> => {
    const wall = new Date();
    return services.models.OrderWatch.findOneAndUpdate(
      {
        status: { $in: [...LATE_STATUSES] },
        dueAt: { $lte: now },
        lateChecked: false,
        $or: [{ lease: null }, { 'lease.until': { $lte: wall } }],
      },
      { $set: { lease: { owner, until: new Date(wall.getTime() + LATE_LEASE_MS) } } },
      { returnDocument: 'after' },
    )
      .lean<OrderWatchDoc>()
      .exec();
  };

  const pass = async (): Promise<number> => {
    const ctx = createContext({ requestId: `late-orders-${randomUUID()}`, logger, viewer: null }, services);
    const now = ctx.clock();
    let count = 0;
    for (let i = 0; i < 500; i += 1) {
      const order = await claim(now);
      if (!order?.dueAt) break;
      await makeNotifications(ctx, lateOrderNotifications({ ...order, id: order._id, dueAt: order.dueAt }));
      await services.models.OrderWatch.updateOne(
        { _id: order._id, 'lease.owner': owner },
        { $set: { lateChecked: true, lease: null } },
      ).exec();
      count += 1;
    }
    if (count) logger.info({ orders: count }, 'notified late orders');
    return count;
  };

  const runOnce = (): Promise<number> => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const intervalMs = options.intervalMs ?? LATE_CHECK_INTERVAL_MS;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          runOnce().catch((error: unknown) => logger.warn({ err: error }, 'late orders check failed; it will run again'));
        }, intervalMs)
      : null;
  timer?.unref();
  return {
    runOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}

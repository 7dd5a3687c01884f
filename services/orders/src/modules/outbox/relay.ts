import { randomUUID } from 'node:crypto';
import type { BackgroundTask, DomainEvent, EventPublisher, Logger } from '@gigmart/shared';
import type { Model, Types } from 'mongoose';
import type { RelayLeaseDoc } from '../orders/index.js';
import { backlogOf, publicationOrder, relayBackoffMs, type BacklogFigures } from './rules.js';
import type { OutboxSignal } from './signal.js';

/**
 * The idle poll. A write in this process wakes the relay at once (the outbox signal); the poll only
 * finds events written by another instance, and on FerretDB every poll scans the orders.
 */
export const RELAY_POLL_MS = 1000;
/** Longer than any publication takes (HTTP times out after 5 s): a dead instance's orders are free again after it. */
export const RELAY_LEASE_MS = 30_000;
/** Orders handled per pass before the loop looks at its stop flag again. */
const ORDERS_PER_PASS = 200;
/** The backlog report reads at most this many pending orders. */
const BACKLOG_SCAN = 5_000;

/** What the relay reads and writes of a document with an outbox: an order, or an offer (modules/offers). */
export interface OutboxDoc {
  _id: Types.ObjectId;
  outbox: DomainEvent[];
  outboxCount: number;
  relayLease: RelayLeaseDoc | null;
  relayFailures: number;
}

export interface RelayOptions<T extends OutboxDoc = OutboxDoc> {
  /** The collection whose documents carry the outboxes (orders, or offers). */
  Order: Model<T>;
  publisher: EventPublisher;
  logger: Logger;
  signal?: OutboxSignal;
  /** Names this instance in leases and logs. */
  instanceId?: string;
  pollMs?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface RelayPass {
  /** Events acknowledged by the consumer in this pass. */
  delivered: number;
  /** Orders whose publication failed (they back off). */
  failed: number;
}

export interface RelayBacklog extends BacklogFigures {
  transport: string;
}

export interface OutboxRelay {
  readonly instanceId: string;
  /** Publishes every order's pending events that no other instance holds; used by tests and the loop. */
  runOnce(): Promise<RelayPass>;
  /** The loop: a pass every `pollMs`, and at once after a local write recorded an event. */
  start(): BackgroundTask;
  backlog(): Promise<RelayBacklog>;
}

/**
 * The outbox relay: finds orders with undelivered events, claims one at a time with a lease (a
 * conditional update on "no lease, or an expired one", so of several instances one publishes an
 * order's events at a time, and a crashed instance's claims expire), publishes its events in
 * sequence, and only after the transport acknowledged them removes exactly those from the outbox
 * (still guarded by its lease, so an instance that lost its lease changes nothing). A failure
 * keeps the events and leases the order for an exponentially growing delay. Wall-clock time, not
 * the service's injectable clock: leases are about real processes.
 */
export function createOutboxRelay<T extends OutboxDoc>(options: RelayOptions<T>): OutboxRelay {
  const { Order, publisher, logger } = options;
  const instanceId = options.instanceId ?? randomUUID();
  const leaseMs = options.leaseMs ?? RELAY_LEASE_MS;
  const pollMs = options.pollMs ?? RELAY_POLL_MS;
  const backoff = (failures: number) => relayBackoffMs(failures, options.backoffBaseMs, options.backoffMaxMs);
  let backingOff = false;

  const claim = async (): Promise<{ order: T; token: string } | null> => {
    const now = Date.now();
    const claimable = { outboxCount: { $gt: 0 }, $or: [{ relayLease: null }, { 'relayLease.until': { $lte: new Date(now) } }] };
    // Look before claiming: an idle poll is then one read, not a write taking the collection's
    // write lock (infra/ferretdb) five times a second while nothing is pending.
    if (!(await Order.exists(claimable).exec())) return null;
    const token = randomUUID();
    const order = await Order.findOneAndUpdate(
      claimable,
      { $set: { relayLease: { owner: instanceId, token, until: new Date(now + leaseMs) } } },
      { returnDocument: 'after' },
    )
      .lean<T>()
      .exec();
    return order ? { order, token } : null;
  };

  const publishOne = async (order: T, token: string): Promise<number> => {
    const events = publicationOrder(order.outbox ?? []);
    try {
      await publisher.publish(events);
    } catch (error) {
      const failures = (order.relayFailures ?? 0) + 1;
      const delay = backoff(failures);
      backingOff = true;
      await Order.updateOne(
        { _id: order._id, 'relayLease.token': token },
        { $set: { relayLease: { owner: instanceId, token, until: new Date(Date.now() + delay) }, relayFailures: failures } },
      ).exec();
      logger.warn(
        { err: error, orderId: String(order._id), events: events.length, failures, retryInMs: delay, transport: publisher.name },
        'publishing order events failed; will retry',
      );
      throw error;
    }
    const ids = events.map((e) => e.id);
    // $pullAll of the very documents read (raw driver, so no casting reorders their fields): FerretDB
    // does not match $pull conditions inside array elements, but it does match whole elements.
    const done = await Order.collection.updateOne({ _id: order._id, 'relayLease.token': token }, {
      $pullAll: { outbox: order.outbox },
      $inc: { outboxCount: -ids.length },
      $set: { relayLease: null, relayFailures: 0 },
    } as unknown as Parameters<typeof Order.collection.updateOne>[1]);
    if (done.modifiedCount === 0) {
      // Our lease ran out and another instance took the order: it will publish these again, which
      // the consumer (and JetStream's duplicate window) make harmless.
      logger.warn({ orderId: String(order._id) }, 'relay lease lost while publishing; events will be published again');
    }
    logger.debug({ orderId: String(order._id), events: ids.length, transport: publisher.name }, 'order events delivered');
    return ids.length;
  };

  const runOnce = async (): Promise<RelayPass> => {
    const pass: RelayPass = { delivered: 0, failed: 0 };
    for (let i = 0; i < ORDERS_PER_PASS; i += 1) {
      const claimed = await claim();
      if (!claimed) break;
      try {
        pass.delivered += await publishOne(claimed.order, claimed.token);
      } catch {
        pass.failed += 1;
        // The consumer is most likely down: the other orders can wait for the next pass.
        break;
      }
    }
    if (pass.delivered > 0 && backingOff) {
      // The consumer answers again: retry what this instance parked instead of waiting out each backoff.
      backingOff = false;
      const woken = await Order.updateMany(
        { outboxCount: { $gt: 0 }, 'relayLease.owner': instanceId, relayFailures: { $gt: 0 } },
        { $set: { relayLease: null } },
      ).exec();
      logger.info({ woken: woken.modifiedCount, transport: publisher.name }, 'event consumer reachable again; retrying parked orders');
    }
    return pass;
  };

  const backlog = async (): Promise<RelayBacklog> => {
    const pending = await Order.find({ outboxCount: { $gt: 0 } }, { outbox: 1, outboxCount: 1 })
      .limit(BACKLOG_SCAN)
      .lean<Array<Pick<OutboxDoc, 'outbox' | 'outboxCount'>>>()
      .exec();
    return { ...backlogOf(pending, Date.now()), transport: publisher.name };
  };

  return {
    instanceId,
    runOnce,
    backlog,
    start() {
      let stopped = false;
      let nudged = false;
      let wake: (() => void) | null = null;
      const unsubscribe = options.signal?.subscribe(() => {
        nudged = true;
        wake?.();
      });
      const loop = (async () => {
        while (!stopped) {
          nudged = false;
          try {
            await runOnce();
          } catch (error) {
            logger.error({ err: error }, 'outbox relay pass failed');
          }
          if (stopped || nudged) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      })();
      return {
        stop: async () => {
          stopped = true;
          unsubscribe?.();
          wake?.();
          await loop;
        },
      };
    },
  };
}

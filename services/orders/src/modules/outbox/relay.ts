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
/**
 * Orders published at once by one instance. A publication waits for the consumers to apply the
 * events in their databases, so one order at a time is bound by that latency, not by any CPU: 619
 * orders placed in 9 s left 600 orders' events that took 50 s more with one lane, 22 s with four
 * (and the consumers asked at once, shared fan-out.ts), 18 s with eight, where the database is the
 * limit (bench/README.md, "How fast the orders' events go out"). Each order's events still go out
 * in sequence and under its own lease; consumers accept any order of arrival between orders.
 */
export const RELAY_CONCURRENCY = 4;
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
 * The outbox relay: finds orders with undelivered events, claims each with a lease (a
 * conditional update on "no lease, or an expired one", so of several instances one publishes an
 * order's events at a time, and a crashed instance's claims expire), publishes its events in
 * sequence (RELAY_CONCURRENCY orders at once), and only after the transport acknowledged them
 * removes exactly those from the outbox (still guarded by its lease, so an instance that lost its
 * lease changes nothing). A failure keeps the events and leases the order for an exponentially
 * growing delay. Wall-clock time, not the service's injectable clock: leases are about real
 * processes.
 */
export function createOutboxRelay<T extends OutboxDoc>(options: RelayOptions<T>): OutboxRelay {
  const { Order, publisher, logger } = options;
  const instanceId = options.instanceId ?? randomUUID();
  const leaseMs = options.leaseMs ?? RELAY_LEASE_MS;
  const pollMs = options.pollMs ?? RELAY_POLL_MS;
  const backoff = (failures: number) => relayBackoffMs(failures, options.backoffBaseMs, options.backoffMaxMs);
  let backingOff = false;

  type Claimed = { order: T; token: string };
  const claim = async (): Promise<Claimed | null> => {
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
    // RELAY_CONCURRENCY lanes, each claiming (one conditional update: never the same order twice) and
    // publishing one order after another, until nothing is left, the pass's share is used, or a
    // publication failed. The others start only once the first claim found work: an idle poll
    // stays one read.
    const first = await claim();
    if (!first) return pass;
    let claims = 1;
    const lane = async (claimed: Claimed | null) => {
      for (let next = claimed; pass.failed === 0;) {
        if (!next) {
          if (claims >= ORDERS_PER_PASS) return;
          claims += 1;
          next = await claim();
          if (!next) return;
        }
        try {
          // Added after the await: `pass.delivered += await ...` reads the total before it and loses other lanes' counts.
          const delivered = await publishOne(next.order, next.token);
          pass.delivered += delivered;
        } catch {
          // The consumer is most likely down: the other orders can wait for the next pass.
          pass.failed += 1;
        }
        next = null;
      }
    };
    await Promise.all([lane(first), ...Array.from({ length: RELAY_CONCURRENCY - 1 }, () => lane(null))]);
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

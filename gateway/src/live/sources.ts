import cluster from 'node:cluster';
import {
  EVENTS_SUBJECT_PREFIX,
  isDomainEvent,
  LIVE_SUBJECT_PREFIX,
  mountEventReceiver,
  subscribeNatsBroadcast,
  type DomainEvent,
  type EventSubscription,
  type Logger,
} from '@gigmart/shared';
import type { Express } from 'express';
import type { LiveHub } from './hub.js';

/** The message a worker and the primary exchange to share events (GATEWAY_WORKERS > 1). */
interface ClusterLiveMessage {
  gigmartLive: DomainEvent[];
}
const isClusterLiveMessage = (m: unknown): m is ClusterLiveMessage =>
  !!m &&
  typeof m === 'object' &&
  Array.isArray((m as ClusterLiveMessage).gigmartLive) &&
  (m as ClusterLiveMessage).gigmartLive.every(isDomainEvent);

/**
 * How events reach this process's subscriptions.
 * - HTTP (local default): the services POST them to /internal/events (service credential). With
 *   several workers the one that took the request serves its own subscribers and hands the events
 *   to the primary, which gives them to every other worker: each worker serves its own
 *   subscribers, once per event.
 * - NATS (NATS_URL): every process listens to the orders' event subjects and the live subjects
 *   itself, without a queue group, so each gateway instance and each worker gets every event.
 */
export async function startLiveSources(options: {
  app?: Express;
  hub: LiveHub;
  logger: Logger;
  serviceToken?: string | undefined;
  natsUrl?: string | undefined;
  /** The NATS subject prefixes to listen to (default: the orders' events and the live events). */
  subjectPrefixes?: string[];
}): Promise<{ close(): Promise<void> }> {
  const { hub, logger } = options;
  const inCluster = cluster.isWorker && typeof process.send === 'function';
  const onClusterMessage = (message: unknown) => {
    if (isClusterLiveMessage(message)) hub.dispatch(message.gigmartLive);
  };
  if (inCluster) process.on('message', onClusterMessage);
  let nats: EventSubscription | null = null;
  if (options.natsUrl) {
    nats = await subscribeNatsBroadcast({
      servers: options.natsUrl,
      subjectPrefixes: options.subjectPrefixes ?? [EVENTS_SUBJECT_PREFIX, LIVE_SUBJECT_PREFIX],
      handler: (events) => {
        hub.dispatch(events);
        return Promise.resolve();
      },
      logger,
    });
  }
  return {
    async close() {
      if (inCluster) process.off('message', onClusterMessage);
      await nats?.close();
    },
  };
}

/** The HTTP receiver, mounted among the gateway's routes (before /graphql). */
export function mountLiveReceiver(app: Express, options: { hub: LiveHub; logger: Logger; serviceToken: string }): void {
  mountEventReceiver(app, {
    serviceToken: options.serviceToken,
    logger: options.logger,
    maxBytes: 1024 * 1024,
    handler: (events) => {
      // This worker's subscribers at once; the primary hands the events to the other workers.
      options.hub.dispatch(events);
      if (cluster.isWorker && typeof process.send === 'function') process.send({ gigmartLive: events } satisfies ClusterLiveMessage);
      return Promise.resolve();
    },
  });
}

/** In the primary of GATEWAY_WORKERS > 1: the events one worker received go to every other worker. */
export function relayLiveEventsBetweenWorkers(): void {
  cluster.on('message', (from, message: unknown) => {
    if (!isClusterLiveMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && !worker.isDead()) worker.send(message);
    }
  });
}

/**
 * The events to the gigs service: recorded in the order's own outbox by the write that makes the
 * change (events.ts), published by the relay (relay.ts), which a local write wakes (signal.ts).
 * No schema of its own: a module of the service, not of the graph.
 */
export { orderFactEvent, outboxWrite, type EventOrder } from './events.js';
export { createOutboxRelay, type OutboxDoc, type OutboxRelay, type RelayBacklog, type RelayOptions } from './relay.js';
export { createOutboxSignal, type OutboxSignal } from './signal.js';

import type { DomainEvent } from '../events/envelope.js';

/**
 * What the orders service tells the inbox about custom offers, through the orders outbox and its
 * relay (HTTP to the inbox's EVENTS_ROUTE, or NATS JetStream): one event per change of an offer.
 *
 * Like the order facts, every event carries the offer's ABSOLUTE facts as of that change, and
 * `sequence` is the offer's version after it (0 when sent). A consumer that keeps what it learnt per
 * offer (the inbox: the message carrying it, whose id is the offer's) applies each one at most once,
 * whatever the redeliveries and the order of arrival.
 */
export const OFFER_EVENT_TYPES = ['offer.sent', 'offer.accepted', 'offer.declined', 'offer.withdrawn', 'offer.expired'] as const;
export type OfferEventType = (typeof OFFER_EVENT_TYPES)[number];

export const OFFER_FACT_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED'] as const;
export type OfferFactStatus = (typeof OFFER_FACT_STATUSES)[number];

export interface OfferFacts {
  offerId: string;
  gigId: string;
  sellerId: string;
  buyerId: string;
  status: OfferFactStatus;
  /** The order accepting made; null until then. */
  orderId: string | null;
}

export type OfferEvent = DomainEvent<OfferEventType, OfferFacts>;

const isId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{24}$/.test(value);

export function isOfferFacts(value: unknown): value is OfferFacts {
  if (!value || typeof value !== 'object') return false;
  const f = value as Record<string, unknown>;
  return (
    isId(f['offerId']) &&
    typeof f['gigId'] === 'string' &&
    isId(f['sellerId']) &&
    isId(f['buyerId']) &&
    (OFFER_FACT_STATUSES as readonly unknown[]).includes(f['status']) &&
    (f['orderId'] === null || isId(f['orderId']))
  );
}

export function isOfferEvent(event: DomainEvent): event is OfferEvent {
  return (
    (OFFER_EVENT_TYPES as readonly string[]).includes(event.type) && isOfferFacts(event.data) && event.data.offerId === event.aggregateId
  );
}

import { randomUUID } from 'node:crypto';

/**
 * A fact one service tells others, as it travels between them. `sequence` increases by one for
 * each event of the same aggregate (e.g. one order), so a consumer can tell newer from older
 * whatever order the events arrive in, and `id` is unique, so a redelivery can be recognised.
 */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  aggregateId: string;
  sequence: number;
  /** ISO-8601. */
  occurredAt: string;
  data: TData;
}

export function newEventId(): string {
  return randomUUID();
}

/** Structural check of an event received from the network (the data is checked by its consumer). */
export function isDomainEvent(value: unknown): value is DomainEvent {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e['id'] === 'string' &&
    typeof e['type'] === 'string' &&
    typeof e['aggregateId'] === 'string' &&
    typeof e['sequence'] === 'number' &&
    Number.isInteger(e['sequence']) &&
    typeof e['occurredAt'] === 'string' &&
    'data' in e
  );
}

import type { OrderFactEvent } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { backlogOf, publicationOrder, relayBackoffMs } from './rules.js';

function fact(sequence: number, occurredAt: string): OrderFactEvent {
  return {
    id: `e${sequence}`,
    type: 'order.placed',
    aggregateId: 'o',
    sequence,
    occurredAt,
    data: { orderId: 'o', gigId: 'g', sellerId: 's', status: 'IN_PROGRESS', rating: null },
  };
}

describe('relay rules', () => {
  it('backs off exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 4].map((n) => relayBackoffMs(n, 100, 1000))).toEqual([0, 100, 200, 400, 800]);
    expect(relayBackoffMs(5, 100, 1000)).toBe(1000);
    expect(relayBackoffMs(500, 100, 1000)).toBe(1000);
  });

  it("publishes an order's events by sequence", () => {
    const at = '2026-01-01T00:00:00.000Z';
    expect(publicationOrder([fact(5, at), fact(0, at), fact(4, at)]).map((e) => e.sequence)).toEqual([0, 4, 5]);
  });

  it("reports the pending count and the oldest pending event's age", () => {
    const now = Date.parse('2026-01-01T00:00:10.000Z');
    expect(backlogOf([], now)).toEqual({ pending: 0, oldestPendingAgeMs: 0 });
    expect(
      backlogOf(
        [
          { outboxCount: 2, outbox: [fact(0, '2026-01-01T00:00:04.000Z'), fact(1, '2026-01-01T00:00:08.000Z')] },
          { outboxCount: 1, outbox: [fact(3, '2026-01-01T00:00:01.000Z')] },
        ],
        now,
      ),
    ).toEqual({ pending: 3, oldestPendingAgeMs: 9000 });
  });
});

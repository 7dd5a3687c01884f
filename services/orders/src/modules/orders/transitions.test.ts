import { describe, expect, it } from 'vitest';
import { dueAtFrom, isDueForAutoCompletion, isLate, revisionsRemaining } from './rules.js';
import { decide, ORDER_STATUSES, TRANSITIONS, type OrderAction, type OrderStatus, type Party } from './transitions.js';

const PARTIES: Party[] = ['BUYER', 'SELLER', 'ADMIN', 'SYSTEM'];
const ACTIONS = Object.keys(TRANSITIONS) as OrderAction[];

type Cell = 'ok' | 'late' | '-';
/**
 * Expected outcome of every (action, party, status) cell, written out by hand from the contract:
 * 'ok' allowed, 'late' allowed only once the order is late, '-' refused.
 * Status order: AWAITING_REQUIREMENTS, IN_PROGRESS, DELIVERED, IN_REVISION, COMPLETED, CANCELLED.
 */
const EXPECTED: Record<OrderAction, Record<Party, Cell[]>> = {
  submitRequirements: {
    BUYER: ['ok', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-'],
  },
  deliver: {
    BUYER: ['-', '-', '-', '-', '-', '-'],
    SELLER: ['-', 'ok', '-', 'ok', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-'],
  },
  requestRevision: {
    BUYER: ['-', '-', 'ok', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-'],
  },
  accept: {
    BUYER: ['-', '-', 'ok', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-'],
  },
  autoComplete: {
    BUYER: ['-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', 'ok', '-', '-', '-'],
  },
  cancel: {
    BUYER: ['ok', 'late', '-', '-', '-', '-'],
    SELLER: ['ok', 'ok', '-', 'ok', '-', '-'],
    ADMIN: ['ok', 'ok', 'ok', 'ok', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-'],
  },
};

const TARGET: Record<OrderAction, OrderStatus> = {
  submitRequirements: 'IN_PROGRESS',
  deliver: 'DELIVERED',
  requestRevision: 'IN_REVISION',
  accept: 'COMPLETED',
  autoComplete: 'COMPLETED',
  cancel: 'CANCELLED',
};

describe('the transition table, cell by cell', () => {
  for (const action of ACTIONS) {
    for (const party of PARTIES) {
      ORDER_STATUSES.forEach((status, i) => {
        const cell = EXPECTED[action][party][i]!;
        it(`${action} by ${party} from ${status}: ${cell}`, () => {
          const onTime = decide(action, [party], status, false);
          const late = decide(action, [party], status, true);
          const mayEver = Object.keys(TRANSITIONS[action].allowed).includes(party);
          const refusal = mayEver ? 'INVALID_STATE' : 'FORBIDDEN';
          if (cell === 'ok') {
            expect(onTime).toMatchObject({ ok: true, party, to: TARGET[action] });
            expect(late).toMatchObject({ ok: true, party, to: TARGET[action] });
          } else if (cell === 'late') {
            expect(onTime).toEqual({ ok: false, reason: 'INVALID_STATE' });
            expect(late).toMatchObject({ ok: true, party, to: TARGET[action], from: { status, onlyIfLate: true } });
          } else {
            expect(onTime).toEqual({ ok: false, reason: refusal });
            expect(late).toEqual({ ok: false, reason: refusal });
          }
        });
      });
    }
  }

  it('records the events of the contract', () => {
    expect(TRANSITIONS.submitRequirements.events).toEqual(['REQUIREMENTS_SUBMITTED', 'STARTED']);
    expect(TRANSITIONS.deliver.events).toEqual(['DELIVERED']);
    expect(TRANSITIONS.requestRevision.events).toEqual(['REVISION_REQUESTED']);
    expect(TRANSITIONS.accept.events).toEqual(['COMPLETED']);
    expect(TRANSITIONS.autoComplete.events).toEqual(['AUTO_COMPLETED']);
    expect(TRANSITIONS.cancel.events).toEqual(['CANCELLED']);
  });

  it('lets a member who is both buyer and admin act as whichever party qualifies', () => {
    expect(decide('cancel', ['BUYER', 'ADMIN'], 'DELIVERED', false)).toMatchObject({ ok: true, party: 'ADMIN' });
    expect(decide('cancel', ['BUYER', 'ADMIN'], 'AWAITING_REQUIREMENTS', false)).toMatchObject({ ok: true, party: 'BUYER' });
    expect(decide('cancel', ['BUYER', 'ADMIN'], 'COMPLETED', false)).toEqual({ ok: false, reason: 'INVALID_STATE' });
    expect(decide('accept', [], 'DELIVERED', false)).toEqual({ ok: false, reason: 'FORBIDDEN' });
  });
});

describe('lifecycle rules', () => {
  const due = new Date('2026-01-10T00:00:00Z');
  const before = new Date('2026-01-09T23:59:59Z');
  const after = new Date('2026-01-10T00:00:01Z');
  const base = { dueAt: due, deliveredLate: false, deliveryCount: 0, cancelledAt: null };

  it('isLate: while undelivered past dueAt', () => {
    expect(isLate({ ...base, status: 'IN_PROGRESS' }, before)).toBe(false);
    expect(isLate({ ...base, status: 'IN_PROGRESS' }, due)).toBe(false);
    expect(isLate({ ...base, status: 'IN_PROGRESS' }, after)).toBe(true);
    expect(isLate({ ...base, status: 'AWAITING_REQUIREMENTS', dueAt: null }, after)).toBe(false);
  });

  it('isLate: for good once delivered after dueAt, never when delivered on time', () => {
    expect(isLate({ ...base, status: 'COMPLETED', deliveryCount: 1, deliveredLate: true }, before)).toBe(true);
    expect(isLate({ ...base, status: 'COMPLETED', deliveryCount: 1 }, after)).toBe(false);
    expect(isLate({ ...base, status: 'IN_REVISION', deliveryCount: 1 }, after)).toBe(false);
  });

  it('isLate: a cancelled undelivered order is judged at its cancellation', () => {
    expect(isLate({ ...base, status: 'CANCELLED', cancelledAt: before }, new Date('2027-01-01'))).toBe(false);
    expect(isLate({ ...base, status: 'CANCELLED', cancelledAt: after }, new Date('2027-01-01'))).toBe(true);
  });

  it('dueAt is start + deliveryDays', () => {
    expect(dueAtFrom(new Date('2026-01-01T12:00:00Z'), 3).toISOString()).toBe('2026-01-04T12:00:00.000Z');
  });

  it('revisionsRemaining: null is unlimited, never negative', () => {
    expect(revisionsRemaining(null, 7)).toBeNull();
    expect(revisionsRemaining(2, 0)).toBe(2);
    expect(revisionsRemaining(2, 2)).toBe(0);
    expect(revisionsRemaining(0, 0)).toBe(0);
  });

  it('auto-completion is due exactly 3 days after the last delivery', () => {
    const delivered = new Date('2026-01-01T00:00:00Z');
    expect(isDueForAutoCompletion(delivered, new Date('2026-01-03T23:59:59.999Z'))).toBe(false);
    expect(isDueForAutoCompletion(delivered, new Date('2026-01-04T00:00:00Z'))).toBe(true);
  });
});

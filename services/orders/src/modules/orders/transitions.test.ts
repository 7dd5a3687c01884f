import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../generated/resolvers.js';
import { decide, ORDER_STATUSES, TRANSITIONS, type OrderAction, type Party } from './transitions.js';

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

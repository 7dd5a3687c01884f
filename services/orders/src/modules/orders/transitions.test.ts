import { describe, expect, it } from 'vitest';
import { decide, ORDER_STATUSES, STAYS, TRANSITIONS, type OrderAction, type Party, type Target } from './transitions.js';

const PARTIES: Party[] = ['BUYER', 'SELLER', 'ADMIN', 'SYSTEM'];
const ACTIONS = Object.keys(TRANSITIONS) as OrderAction[];

type Cell = 'ok' | 'stay' | 'late' | '-';
/**
 * Expected outcome of every (action, party, status) cell, written out by hand from the contracts
 * (orders.graphql, orders.resolution.graphql): 'ok' allowed (to the action's target), 'stay' allowed
 * and the order keeps its status, 'late' allowed only once the order is late, '-' refused. Conditions
 * beyond the status (pending requests, limits) are the guards', tested in rules and end to end.
 * Status order: AWAITING_REQUIREMENTS, IN_PROGRESS, DELIVERED, IN_REVISION, COMPLETED, CANCELLED, DISPUTED.
 */
const EXPECTED: Record<OrderAction, Record<Party, Cell[]>> = {
  submitRequirements: {
    BUYER: ['ok', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  deliver: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', 'ok', '-', 'ok', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  requestRevision: {
    BUYER: ['-', '-', 'ok', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  accept: {
    BUYER: ['-', '-', 'ok', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  autoComplete: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', 'ok', '-', '-', '-', '-'],
  },
  cancel: {
    BUYER: ['ok', 'late', '-', '-', '-', '-', '-'],
    SELLER: ['ok', 'ok', '-', 'ok', '-', '-', '-'],
    ADMIN: ['ok', 'ok', 'ok', 'ok', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  buyExtras: {
    BUYER: ['-', 'stay', 'stay', 'stay', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  requestExtension: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', 'stay', '-', 'stay', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  acceptExtension: {
    BUYER: ['-', 'stay', '-', 'stay', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  declineExtension: {
    BUYER: ['-', 'stay', '-', 'stay', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  lapseExtension: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', 'stay', '-', 'stay', '-', '-', '-'],
  },
  requestCancellation: {
    BUYER: ['stay', 'stay', 'stay', 'stay', '-', '-', '-'],
    SELLER: ['stay', 'stay', 'stay', 'stay', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  acceptCancellation: {
    BUYER: ['ok', 'ok', 'ok', 'ok', '-', '-', '-'],
    SELLER: ['ok', 'ok', 'ok', 'ok', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  declineCancellation: {
    BUYER: ['stay', 'stay', 'stay', 'stay', '-', '-', '-'],
    SELLER: ['stay', 'stay', 'stay', 'stay', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  withdrawCancellation: {
    BUYER: ['stay', 'stay', 'stay', 'stay', '-', '-', '-'],
    SELLER: ['stay', 'stay', 'stay', 'stay', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  lapseCancellation: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['ok', 'ok', 'ok', 'ok', '-', '-', '-'],
  },
  offerPartialRefund: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', 'stay', 'stay', 'stay', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  acceptPartialRefund: {
    BUYER: ['-', 'ok', 'ok', 'ok', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  declinePartialRefund: {
    BUYER: ['-', 'stay', 'stay', 'stay', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  lapsePartialRefund: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', 'stay', 'stay', 'stay', '-', '-', '-'],
  },
  openDispute: {
    BUYER: ['-', '-', 'ok', 'ok', 'stay', '-', '-'],
    SELLER: ['-', '-', 'ok', 'ok', 'stay', '-', '-'],
    ADMIN: ['-', '-', '-', '-', '-', '-', '-'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  resolveComplete: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', 'ok', '-', 'ok'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  resolveCancel: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', 'ok', '-', 'ok'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
  resolvePartialRefund: {
    BUYER: ['-', '-', '-', '-', '-', '-', '-'],
    SELLER: ['-', '-', '-', '-', '-', '-', '-'],
    ADMIN: ['-', '-', '-', '-', 'ok', '-', 'ok'],
    SYSTEM: ['-', '-', '-', '-', '-', '-', '-'],
  },
};

const TARGET: Record<OrderAction, Target> = {
  submitRequirements: 'IN_PROGRESS',
  deliver: 'DELIVERED',
  requestRevision: 'IN_REVISION',
  accept: 'COMPLETED',
  autoComplete: 'COMPLETED',
  cancel: 'CANCELLED',
  buyExtras: 'STAYS',
  requestExtension: 'STAYS',
  acceptExtension: 'STAYS',
  declineExtension: 'STAYS',
  lapseExtension: 'STAYS',
  requestCancellation: 'STAYS',
  acceptCancellation: 'CANCELLED',
  declineCancellation: 'STAYS',
  withdrawCancellation: 'STAYS',
  lapseCancellation: 'CANCELLED',
  offerPartialRefund: 'STAYS',
  acceptPartialRefund: 'COMPLETED',
  declinePartialRefund: 'STAYS',
  lapsePartialRefund: 'STAYS',
  openDispute: 'DISPUTED',
  resolveComplete: 'COMPLETED',
  resolveCancel: 'CANCELLED',
  resolvePartialRefund: 'COMPLETED',
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
          if (cell === 'ok' || cell === 'stay') {
            const to = cell === 'stay' || TARGET[action] === STAYS ? status : TARGET[action];
            expect(onTime).toMatchObject({ ok: true, party, to });
            expect(late).toMatchObject({ ok: true, party, to });
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

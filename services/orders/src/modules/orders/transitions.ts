import type { OrderEventType, OrderStatus } from '../../generated/resolvers.js';

/**
 * The order lifecycle as one table: for each action, who may take it from which states, where it
 * leads and which events it records. Everything that changes an order's status reads this table;
 * nothing else knows the rules. Statuses and event types are the schema's enums (the generated
 * unions); the lists below name every one of them, or stop compiling.
 */

/** `L` when it names every member of `T`, else `never` (so assigning the list fails to compile). */
type Exhaustive<L extends readonly string[], T extends string> = [Exclude<T, L[number]>] extends [never] ? L : never;

const statuses = [
  'AWAITING_REQUIREMENTS',
  'IN_PROGRESS',
  'DELIVERED',
  'IN_REVISION',
  'COMPLETED',
  'CANCELLED',
] as const satisfies readonly OrderStatus[];
/** Every status, in lifecycle order (the model's enum; the table test's columns). */
export const ORDER_STATUSES: Exhaustive<typeof statuses, OrderStatus> = statuses;

const eventTypes = [
  'PLACED',
  'REQUIREMENTS_SUBMITTED',
  'STARTED',
  'DELIVERED',
  'REVISION_REQUESTED',
  'COMPLETED',
  'AUTO_COMPLETED',
  'CANCELLED',
  'REVIEWED',
] as const satisfies readonly OrderEventType[];
export const ORDER_EVENT_TYPES: Exhaustive<typeof eventTypes, OrderEventType> = eventTypes;

/** Who takes an action: the order's buyer or seller, an admin, or the system (a job). */
export type Party = 'BUYER' | 'SELLER' | 'ADMIN' | 'SYSTEM';

/** A state an action may start from; `onlyIfLate` adds the condition that the order is past due. */
export interface FromState {
  status: OrderStatus;
  onlyIfLate?: true;
}

export interface TransitionRule {
  allowed: Partial<Record<Party, readonly FromState[]>>;
  to: OrderStatus;
  events: readonly OrderEventType[];
}

export type OrderAction = 'submitRequirements' | 'deliver' | 'requestRevision' | 'accept' | 'autoComplete' | 'cancel';

const from = (...statuses: OrderStatus[]): FromState[] => statuses.map((status) => ({ status }));

export const TRANSITIONS: Readonly<Record<OrderAction, TransitionRule>> = {
  submitRequirements: {
    allowed: { BUYER: from('AWAITING_REQUIREMENTS') },
    to: 'IN_PROGRESS',
    events: ['REQUIREMENTS_SUBMITTED', 'STARTED'],
  },
  deliver: {
    allowed: { SELLER: from('IN_PROGRESS', 'IN_REVISION') },
    to: 'DELIVERED',
    events: ['DELIVERED'],
  },
  requestRevision: {
    allowed: { BUYER: from('DELIVERED') },
    to: 'IN_REVISION',
    events: ['REVISION_REQUESTED'],
  },
  accept: {
    allowed: { BUYER: from('DELIVERED') },
    to: 'COMPLETED',
    events: ['COMPLETED'],
  },
  autoComplete: {
    allowed: { SYSTEM: from('DELIVERED') },
    to: 'COMPLETED',
    events: ['AUTO_COMPLETED'],
  },
  cancel: {
    allowed: {
      BUYER: [{ status: 'AWAITING_REQUIREMENTS' }, { status: 'IN_PROGRESS', onlyIfLate: true }],
      SELLER: from('AWAITING_REQUIREMENTS', 'IN_PROGRESS', 'IN_REVISION'),
      // "An admin before COMPLETED": every open state, DELIVERED included.
      ADMIN: from('AWAITING_REQUIREMENTS', 'IN_PROGRESS', 'IN_REVISION', 'DELIVERED'),
    },
    to: 'CANCELLED',
    events: ['CANCELLED'],
  },
};

export type Decision =
  | { ok: true; party: Party; from: FromState; to: OrderStatus; events: readonly OrderEventType[] }
  | { ok: false; reason: 'FORBIDDEN' | 'INVALID_STATE' };

/**
 * Whether someone holding `parties` (a member can be the buyer and an admin) may take `action` on
 * an order in `status`. FORBIDDEN when none of their parties may ever take it; INVALID_STATE when
 * they may, but not now. The first party that qualifies wins, so its conditions (e.g. "only if
 * late") are the ones the caller must make part of the atomic update.
 */
export function decide(action: OrderAction, parties: readonly Party[], status: OrderStatus, isLate: boolean): Decision {
  const rule = TRANSITIONS[action];
  const mine = parties.filter((party) => rule.allowed[party]);
  if (mine.length === 0) return { ok: false, reason: 'FORBIDDEN' };
  for (const party of mine) {
    const match = rule.allowed[party]!.find((f) => f.status === status && (!f.onlyIfLate || isLate));
    if (match) return { ok: true, party, from: match, to: rule.to, events: rule.events };
  }
  return { ok: false, reason: 'INVALID_STATE' };
}

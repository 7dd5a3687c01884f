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
  'DISPUTED',
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
  'EXTRAS_PURCHASED',
  'EXTENSION_REQUESTED',
  'EXTENSION_ACCEPTED',
  'EXTENSION_DECLINED',
  'EXTENSION_LAPSED',
  'CANCELLATION_REQUESTED',
  'CANCELLATION_ACCEPTED',
  'CANCELLATION_DECLINED',
  'CANCELLATION_WITHDRAWN',
  'CANCELLATION_LAPSED',
  'PARTIAL_REFUND_OFFERED',
  'PARTIAL_REFUND_ACCEPTED',
  'PARTIAL_REFUND_DECLINED',
  'PARTIAL_REFUND_LAPSED',
  'DISPUTE_OPENED',
  'DISPUTE_RESOLVED',
  'TIPPED',
] as const satisfies readonly OrderEventType[];
export const ORDER_EVENT_TYPES: Exhaustive<typeof eventTypes, OrderEventType> = eventTypes;

/** Who takes an action: the order's buyer or seller, an admin, or the system (a job). */
export type Party = 'BUYER' | 'SELLER' | 'ADMIN' | 'SYSTEM';

/** The order keeps its status (a request, an answer that changes nothing, a purchase). */
export const STAYS = 'STAYS';
export type Target = OrderStatus | typeof STAYS;

/**
 * A state an action may start from; `onlyIfLate` adds the condition that the order is past due;
 * `to` overrides the rule's target from this state (a dispute opened on a COMPLETED order).
 */
export interface FromState {
  status: OrderStatus;
  onlyIfLate?: true;
  to?: Target;
}

/**
 * What the rules beyond the status read of an order at a moment (rules.ts factsOf makes them from
 * a stored order): the guards below judge them, so the mutations and Order.viewerActions agree.
 */
export interface OrderFacts {
  status: OrderStatus;
  isLate: boolean;
  subtotalCents: number;
  /** Placed from a gig's package (not from a custom offer): extras may be bought. */
  fromGigPackage: boolean;
  revisionsLeft: boolean;
  /** The PENDING request of each kind still inside its respondBy, and who asked for a cancellation. */
  pendingExtension: boolean;
  pendingCancellationBy: 'BUYER' | 'SELLER' | null;
  pendingPartialRefund: boolean;
  /** Requests made so far, of each kind. */
  extensionCount: number;
  cancellationCount: number;
  partialRefundCount: number;
  dispute: 'NONE' | 'OPEN' | 'RESOLVED';
  /** COMPLETED orders: whether its earnings have cleared (14 days after completion). */
  earningsCleared: boolean;
}

/** Why a rule beyond the status refuses: a user error code, or FORBIDDEN for the wrong member. */
export interface Refusal {
  code: 'INVALID_STATE' | 'LIMIT_REACHED' | 'INVALID' | 'FORBIDDEN';
  message: string;
}

type Guard = (facts: OrderFacts, party: Party) => Refusal | null;

export interface TransitionRule {
  allowed: Partial<Record<Party, readonly FromState[]>>;
  to: Target;
  events: readonly OrderEventType[];
  /** Conditions beyond the status, each a refusal with the contract's code. */
  guard?: Guard;
}

export type OrderAction =
  | 'submitRequirements'
  | 'deliver'
  | 'requestRevision'
  | 'accept'
  | 'autoComplete'
  | 'cancel'
  | 'buyExtras'
  | 'requestExtension'
  | 'acceptExtension'
  | 'declineExtension'
  | 'lapseExtension'
  | 'requestCancellation'
  | 'acceptCancellation'
  | 'declineCancellation'
  | 'withdrawCancellation'
  | 'lapseCancellation'
  | 'offerPartialRefund'
  | 'acceptPartialRefund'
  | 'declinePartialRefund'
  | 'lapsePartialRefund'
  | 'openDispute'
  | 'resolveComplete'
  | 'resolveCancel'
  | 'resolvePartialRefund';

const from = (...statuses: OrderStatus[]): FromState[] => statuses.map((status) => ({ status }));

/** At most this many requests of each kind per order. */
export const MAX_REQUESTS_PER_KIND = 3;
/** Partial refunds: on orders whose subtotal is at least this. */
export const PARTIAL_REFUND_MIN_SUBTOTAL_CENTS = 5000;

const refuse = (code: Refusal['code'], message: string): Refusal => ({ code, message });
const all =
  (...guards: Guard[]): Guard =>
  (facts, party) => {
    for (const guard of guards) {
      const refusal = guard(facts, party);
      if (refusal) return refusal;
    }
    return null;
  };
const underLimit =
  (count: (f: OrderFacts) => number, noun: string): Guard =>
  (facts) =>
    count(facts) >= MAX_REQUESTS_PER_KIND
      ? refuse('LIMIT_REACHED', `At most ${MAX_REQUESTS_PER_KIND} ${noun} can be made on one order.`)
      : null;
const noPending =
  (pending: (f: OrderFacts) => boolean, noun: string): Guard =>
  (facts) =>
    pending(facts) ? refuse('INVALID_STATE', `There is already a pending ${noun}.`) : null;
const pending =
  (is: (f: OrderFacts) => boolean, noun: string): Guard =>
  (facts) =>
    is(facts) ? null : refuse('INVALID_STATE', `There is no pending ${noun}.`);

const CANCELLATION_STATES = from('AWAITING_REQUIREMENTS', 'IN_PROGRESS', 'DELIVERED', 'IN_REVISION');
const WORKING = from('IN_PROGRESS', 'IN_REVISION');
const ACTIVE_WORK = from('IN_PROGRESS', 'IN_REVISION', 'DELIVERED');
const DISPUTED_OR_DISPUTED_COMPLETED: FromState[] = [{ status: 'DISPUTED' }, { status: 'COMPLETED' }];
const openDisputeOnly: Guard = (facts) => (facts.dispute === 'OPEN' ? null : refuse('INVALID_STATE', 'There is no open dispute.'));

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
    guard: (facts) => (facts.revisionsLeft ? null : refuse('LIMIT_REACHED', 'No revision is left in this package.')),
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
    guard: (facts) =>
      facts.pendingCancellationBy ? refuse('INVALID_STATE', 'A pending cancellation request holds the automatic completion.') : null,
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

  // Extras (orders.resolution.graphql buyExtras); which extras is judged with the input (charges.ts).
  buyExtras: {
    allowed: { BUYER: ACTIVE_WORK },
    to: STAYS,
    events: ['EXTRAS_PURCHASED'],
    guard: (facts) => (facts.fromGigPackage ? null : refuse('INVALID_STATE', 'Orders from custom offers take no extras.')),
  },

  // Extension requests: the seller asks, the buyer answers by respondBy, else it lapses.
  requestExtension: {
    allowed: { SELLER: WORKING },
    to: STAYS,
    events: ['EXTENSION_REQUESTED'],
    guard: all(
      noPending((f) => f.pendingExtension, 'extension request'),
      underLimit((f) => f.extensionCount, 'extension requests'),
    ),
  },
  acceptExtension: {
    allowed: { BUYER: WORKING },
    to: STAYS,
    events: ['EXTENSION_ACCEPTED'],
    guard: pending((f) => f.pendingExtension, 'extension request'),
  },
  declineExtension: {
    allowed: { BUYER: WORKING },
    to: STAYS,
    events: ['EXTENSION_DECLINED'],
    guard: pending((f) => f.pendingExtension, 'extension request'),
  },
  lapseExtension: { allowed: { SYSTEM: WORKING }, to: STAYS, events: ['EXTENSION_LAPSED'] },

  // Cancellation by agreement: either party asks, the other answers; no answer cancels.
  requestCancellation: {
    allowed: { BUYER: CANCELLATION_STATES, SELLER: CANCELLATION_STATES },
    to: STAYS,
    events: ['CANCELLATION_REQUESTED'],
    guard: all(
      noPending((f) => f.pendingCancellationBy !== null, 'cancellation request'),
      underLimit((f) => f.cancellationCount, 'cancellation requests'),
    ),
  },
  acceptCancellation: {
    allowed: { BUYER: CANCELLATION_STATES, SELLER: CANCELLATION_STATES },
    to: 'CANCELLED',
    events: ['CANCELLATION_ACCEPTED', 'CANCELLED'],
    guard: (facts, party) => answerableBy(facts, party),
  },
  declineCancellation: {
    allowed: { BUYER: CANCELLATION_STATES, SELLER: CANCELLATION_STATES },
    to: STAYS,
    events: ['CANCELLATION_DECLINED'],
    guard: (facts, party) => answerableBy(facts, party),
  },
  withdrawCancellation: {
    allowed: { BUYER: CANCELLATION_STATES, SELLER: CANCELLATION_STATES },
    to: STAYS,
    events: ['CANCELLATION_WITHDRAWN'],
    guard: (facts, party) =>
      facts.pendingCancellationBy === null
        ? refuse('INVALID_STATE', 'There is no pending cancellation request.')
        : facts.pendingCancellationBy !== party
          ? refuse('FORBIDDEN', 'Only the party who asked may withdraw the request.')
          : null,
  },
  lapseCancellation: { allowed: { SYSTEM: CANCELLATION_STATES }, to: 'CANCELLED', events: ['CANCELLATION_LAPSED', 'CANCELLED'] },

  // Partial refunds: the seller offers 1-60% of the subtotal; accepted, the order completes.
  offerPartialRefund: {
    allowed: { SELLER: ACTIVE_WORK },
    to: STAYS,
    events: ['PARTIAL_REFUND_OFFERED'],
    guard: all(
      (facts) =>
        facts.subtotalCents < PARTIAL_REFUND_MIN_SUBTOTAL_CENTS
          ? refuse('INVALID_STATE', 'Partial refunds are for orders of $50 or more.')
          : null,
      noPending((f) => f.pendingPartialRefund, 'partial refund offer'),
      underLimit((f) => f.partialRefundCount, 'partial refund offers'),
    ),
  },
  acceptPartialRefund: {
    allowed: { BUYER: ACTIVE_WORK },
    to: 'COMPLETED',
    events: ['PARTIAL_REFUND_ACCEPTED', 'COMPLETED'],
    guard: pending((f) => f.pendingPartialRefund, 'partial refund offer'),
  },
  declinePartialRefund: {
    allowed: { BUYER: ACTIVE_WORK },
    to: STAYS,
    events: ['PARTIAL_REFUND_DECLINED'],
    guard: pending((f) => f.pendingPartialRefund, 'partial refund offer'),
  },
  lapsePartialRefund: { allowed: { SYSTEM: ACTIVE_WORK }, to: STAYS, events: ['PARTIAL_REFUND_LAPSED'] },

  // Disputes: after a delivery (the order becomes DISPUTED), or after completion while the earnings
  // have not cleared (it stays COMPLETED, its earnings held); once per order; an admin resolves.
  openDispute: {
    allowed: {
      BUYER: [...from('DELIVERED', 'IN_REVISION'), { status: 'COMPLETED', to: STAYS }],
      SELLER: [...from('DELIVERED', 'IN_REVISION'), { status: 'COMPLETED', to: STAYS }],
    },
    to: 'DISPUTED',
    events: ['DISPUTE_OPENED'],
    guard: (facts) =>
      facts.dispute !== 'NONE'
        ? refuse('LIMIT_REACHED', 'A dispute was already opened on this order.')
        : facts.status === 'COMPLETED' && facts.earningsCleared
          ? refuse('INVALID_STATE', "This order's earnings have cleared: it can no longer be disputed.")
          : null,
  },
  resolveComplete: {
    allowed: { ADMIN: DISPUTED_OR_DISPUTED_COMPLETED },
    to: 'COMPLETED',
    events: ['DISPUTE_RESOLVED', 'COMPLETED'],
    guard: openDisputeOnly,
  },
  resolveCancel: {
    allowed: { ADMIN: DISPUTED_OR_DISPUTED_COMPLETED },
    to: 'CANCELLED',
    events: ['DISPUTE_RESOLVED', 'CANCELLED'],
    guard: openDisputeOnly,
  },
  resolvePartialRefund: {
    allowed: { ADMIN: DISPUTED_OR_DISPUTED_COMPLETED },
    to: 'COMPLETED',
    events: ['DISPUTE_RESOLVED', 'COMPLETED'],
    guard: openDisputeOnly,
  },
};

/** A cancellation request is answered by the party who did not ask, while it is pending. */
function answerableBy(facts: OrderFacts, party: Party): Refusal | null {
  if (facts.pendingCancellationBy === null) return refuse('INVALID_STATE', 'There is no pending cancellation request.');
  if (facts.pendingCancellationBy === party) return refuse('FORBIDDEN', 'The other party answers a cancellation request.');
  return null;
}

export type Decision =
  | { ok: true; party: Party; from: FromState; to: OrderStatus; events: readonly OrderEventType[] }
  | { ok: false; reason: 'FORBIDDEN' | 'INVALID_STATE' };

/** A decision that also passed the rule's guard, or the guard's refusal. */
export type Judgement = Decision | { ok: false; reason: 'RULE'; refusal: Refusal };

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
    if (match) {
      const target = match.to ?? rule.to;
      const to = target === STAYS ? status : target;
      // A status event is recorded only when the status changes (a dispute resolved on a COMPLETED order).
      const events = to === status ? rule.events.filter((e) => e !== 'COMPLETED' && e !== 'CANCELLED') : rule.events;
      return { ok: true, party, from: match, to, events };
    }
  }
  return { ok: false, reason: 'INVALID_STATE' };
}

/**
 * `decide`, then the rule's conditions beyond the status (pending requests, limits, amounts): what
 * every mutation and Order.viewerActions ask, so the two cannot disagree.
 */
export function judge(action: OrderAction, parties: readonly Party[], facts: OrderFacts): Judgement {
  const decision = decide(action, parties, facts.status, facts.isLate);
  if (!decision.ok) return decision;
  const refusal = TRANSITIONS[action].guard?.(facts, decision.party) ?? null;
  return refusal ? { ok: false, reason: 'RULE', refusal } : decision;
}

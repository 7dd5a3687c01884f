import type { Viewer } from '@gigmart/shared';
import type { OrderAction as ViewerAction } from '../../generated/resolvers.js';
import { TIP_MIN_CENTS, tipRefusal } from '../money/index.js';
import type { OrderDoc } from './model.js';
import { AUTO_COMPLETE_AFTER_MS, factsOf, OPEN_STATUSES, partiesOf } from './rules.js';
import { judge, type OrderAction } from './transitions.js';

/**
 * Order.viewerActions: what the viewer may do now, by the same table that judges the mutations
 * (transitions.ts judge): an action is listed exactly when its mutation would pass the table.
 * A button that takes an answer (ANSWER_*) is listed when accepting would pass (declining is
 * judged alike). Messages, reviews and tips follow their modules' rules.
 */
const BY_TABLE: ReadonlyArray<[ViewerAction, OrderAction]> = [
  ['SUBMIT_REQUIREMENTS', 'submitRequirements'],
  ['DELIVER', 'deliver'],
  ['REQUEST_REVISION', 'requestRevision'],
  ['ACCEPT_DELIVERY', 'accept'],
  ['CANCEL', 'cancel'],
  ['BUY_EXTRAS', 'buyExtras'],
  ['REQUEST_EXTENSION', 'requestExtension'],
  ['ANSWER_EXTENSION', 'acceptExtension'],
  ['REQUEST_CANCELLATION', 'requestCancellation'],
  ['ANSWER_CANCELLATION', 'acceptCancellation'],
  ['WITHDRAW_CANCELLATION', 'withdrawCancellation'],
  ['OFFER_PARTIAL_REFUND', 'offerPartialRefund'],
  ['ANSWER_PARTIAL_REFUND', 'acceptPartialRefund'],
  ['OPEN_DISPUTE', 'openDispute'],
  ['RESOLVE_DISPUTE', 'resolveComplete'],
];

export function viewerActionsOf(
  viewer: Viewer | null,
  order: OrderDoc,
  now: Date,
  review: { sellerResponse: string | null } | null,
): ViewerAction[] {
  const parties = partiesOf(viewer, order);
  if (!parties.length) return [];
  const facts = factsOf(order, now);
  const actions = BY_TABLE.filter(([, action]) => judge(action, parties, facts).ok).map(([name]) => name);
  const party = parties.includes('BUYER') || parties.includes('SELLER');
  if (party && OPEN_STATUSES.includes(order.status)) actions.push('SEND_MESSAGE');
  if (parties.includes('BUYER') && order.status === 'COMPLETED' && !review) actions.push('LEAVE_REVIEW');
  if (parties.includes('SELLER') && review && review.sellerResponse === null) actions.push('RESPOND_TO_REVIEW');
  if (parties.includes('BUYER') && tipRefusal(order, TIP_MIN_CENTS, now) === null) actions.push('TIP');
  return actions;
}

/** When a DELIVERED order completes by itself unless something stops it first; null otherwise. */
export function autoCompletesAtOf(order: OrderDoc): Date | null {
  if (order.status !== 'DELIVERED' || !order.lastDeliveredAt) return null;
  return new Date(order.lastDeliveredAt.getTime() + AUTO_COMPLETE_AFTER_MS);
}

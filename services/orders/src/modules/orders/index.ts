import type { SubgraphModule } from '@gigmart/shared';
import { ordersResolvers } from './resolvers.js';
import { gql } from 'graphql-tag';
import { chargesTypeDefs, ordersTypeDefs, resolutionTypeDefs } from './schema.js';

/** Orders: placement, the lifecycle, pricing, auto-completion, and the facts route for reconciliation. */
export const ordersModule: SubgraphModule = {
  typeDefs: gql`
    ${ordersTypeDefs}
    ${chargesTypeDefs}
    ${resolutionTypeDefs}
  `,
  resolvers: ordersResolvers,
};

export { applyTransition, type TransitionUpdate } from './apply.js';
export { createAutoCompletionJob, type AutoCompletionJob } from './auto-complete.js';
export { priceOrder, type OrderAmounts } from './fees.js';
export {
  orderModel,
  outboxEventSchema,
  relayLeaseSchema,
  type OrderDoc,
  type OrderedPackageDoc,
  type OrderModel,
  type RelayLeaseDoc,
  type RequirementQuestionDoc,
  type TipDoc,
} from './model.js';
export { insertOrder, readGig, type OrderDraft } from './placement.js';
export { registerFactsRoute } from './routes.js';
export { chargeOf } from './charges.js';
export { ACTIVE_STATUSES, canonicalJson, canSeeOrder, chargesOf, OFFER_KEY_PREFIX, OPEN_STATUSES, partiesOf } from './rules.js';
export { loadOrder } from './service.js';

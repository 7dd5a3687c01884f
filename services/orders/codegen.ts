import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResolverTypes, type ResolverCodegen } from '@gigmart/shared/codegen';
import { subgraphModules } from './src/modules.js';

/** `npm run codegen -w services/orders`: src/generated/resolvers.ts from the schema modules. */
const config: ResolverCodegen = {
  modules: subgraphModules,
  contextType: '../context.js#OrdersContext',
  mappers: {
    Order: '../modules/orders/model.js#OrderDoc',
    OrderConnection: '../modules/orders/service.js#OrderPage',
    OrderedPackage: '../modules/orders/model.js#OrderedPackageDoc',
    RequirementAnswer: '../modules/orders/model.js#RequirementAnswerDoc',
    Delivery: '../modules/orders/model.js#DeliveryDoc',
    OrderEvent: '../modules/orders/model.js#OrderEventDoc',
    OrderCharge: '../modules/orders/charges.js#OrderChargeDoc',
    OrderedExtra: '../modules/orders/charges.js#OrderedExtraDoc',
    OrderQuote: '../modules/orders/charges.js#OrderQuoteAmounts',
    ExtensionRequest: '../modules/orders/requests.js#OrderRequestView',
    CancellationRequest: '../modules/orders/requests.js#OrderRequestView',
    PartialRefundOffer: '../modules/orders/requests.js#OrderRequestView',
    Dispute: '../modules/orders/model.js#DisputeDoc',
    OrderMessage: '../modules/messages/model.js#MessageDoc',
    Review: '../modules/reviews/model.js#ReviewDoc',
    ReviewConnection: '../modules/reviews/service.js#ReviewPage',
    User: '../modules/track-record/service.js#UserRef',
    Gig: '../modules/track-record/service.js#GigRef',
    Offer: '../modules/offers/model.js#OfferDoc',
    OfferConnection: '../modules/offers/service.js#OfferPage',
    SellerEarnings: '../modules/money/service.js#EarningsView',
    LedgerEntry: '../modules/money/model.js#LedgerEntryDoc',
    LedgerEntryConnection: '../modules/money/service.js#LedgerPage',
    Withdrawal: '../modules/money/model.js#WithdrawalDoc',
    WithdrawalConnection: '../modules/money/service.js#WithdrawalPage',
  },
};
export default config;

const dir = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) await writeResolverTypes(dir, config);

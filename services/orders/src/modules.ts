import { dateTimeModule, federationModule, moneyModule, pageInfoModule, userErrorModule, type SubgraphModule } from '@gigmart/shared';
import { liveModule } from './modules/live/index.js';
import { messagesModule } from './modules/messages/index.js';
import { sellerMoneyModule } from './modules/money/index.js';
import { offersModule } from './modules/offers/index.js';
import { ordersModule } from './modules/orders/index.js';
import { reviewsModule } from './modules/reviews/index.js';
import { trackRecordModule } from './modules/track-record/index.js';

/**
 * The schema of this subgraph: the federation @link, the shared types it uses, then one entry per
 * domain module. Served by app.ts and used to compose the supergraph without running the service
 * (`npm run compose -w gateway`).
 */
export const subgraphModules: SubgraphModule[] = [
  federationModule(['@key', '@shareable', '@external', '@requires']),
  dateTimeModule,
  moneyModule,
  pageInfoModule,
  userErrorModule,
  ordersModule,
  messagesModule,
  reviewsModule,
  trackRecordModule,
  offersModule,
  sellerMoneyModule,
  liveModule,
];

import { dateTimeModule, federationModule, pageInfoModule, userErrorModule, type SubgraphModule } from '@gigmart/shared';
import { conversationsModule } from './modules/conversations/index.js';
import { liveModule } from './modules/live/index.js';
import { messagesModule } from './modules/messages/index.js';
import { offersModule } from './modules/offers/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { responseModule } from './modules/response/index.js';

/**
 * The schema of this subgraph: its one federation `@link`, the shared types it uses, then each
 * domain module. Served by app.ts, read by codegen.ts, and used to compose the supergraph without
 * running the service (`npm run compose -w gateway`).
 */
export const subgraphModules: SubgraphModule[] = [
  federationModule(['@key', '@shareable']),
  dateTimeModule,
  pageInfoModule,
  userErrorModule,
  conversationsModule,
  messagesModule,
  responseModule,
  offersModule,
  notificationsModule,
  liveModule,
];

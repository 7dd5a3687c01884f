import { dateTimeModule, moneyModule, pageInfoModule, userErrorModule, type SubgraphModule } from '@gigmart/shared';
import { categoriesModule } from './modules/categories/index.js';
import { gigsModule } from './modules/gigs/index.js';
import { savedModule } from './modules/saved/index.js';
import { searchModule } from './modules/search/index.js';

/**
 * The schema of this subgraph, one entry per domain module: served by app.ts and used to compose
 * the supergraph without running the service (`npm run compose -w gateway`).
 */
export const subgraphModules: SubgraphModule[] = [
  categoriesModule,
  dateTimeModule,
  moneyModule,
  pageInfoModule,
  userErrorModule,
  gigsModule,
  searchModule,
  savedModule,
];

import { dateTimeModule, federationModule, moneyModule, pageInfoModule, userErrorModule, type SubgraphModule } from '@gigmart/shared';
import { categoriesModule } from './modules/categories/index.js';
import { gigsModule } from './modules/gigs/index.js';
import { savedModule } from './modules/saved/index.js';
import { searchModule } from './modules/search/index.js';

/**
 * The schema of this subgraph: its one federation `@link`, the shared types it uses, then each
 * domain module. Served by app.ts, read by codegen.ts, and used to compose the supergraph without
 * running the service (`npm run compose -w gateway`).
 */
export const subgraphModules: SubgraphModule[] = [
  federationModule(['@key', '@shareable']),
  dateTimeModule,
  moneyModule,
  pageInfoModule,
  userErrorModule,
  categoriesModule,
  gigsModule,
  searchModule,
  savedModule,
];

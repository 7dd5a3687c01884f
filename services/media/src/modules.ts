import { dateTimeModule, federationModule, userErrorModule, type SubgraphModule } from '@gigmart/shared';
import { filesModule } from './modules/files/index.js';

/**
 * The schema of this subgraph: its one federation `@link`, the shared types it uses, then each
 * domain module. Served by app.ts, read by codegen.ts, and used to compose the supergraph without
 * running the service (`npm run compose -w gateway`).
 */
export const subgraphModules: SubgraphModule[] = [federationModule(['@key', '@shareable']), dateTimeModule, userErrorModule, filesModule];

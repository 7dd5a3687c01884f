import { dateTimeModule, federationModule, userErrorModule, type SubgraphModule } from '@gigmart/shared';
import { accountsModule } from './modules/accounts/index.js';
import { profilesModule } from './modules/profiles/index.js';
import { sessionsModule } from './modules/sessions/index.js';

/**
 * The users subgraph's schema, module by module: its one federation @link, the shared types it
 * uses (DateTime, UserError), then its domain modules. Also composed offline by the gateway.
 */
export const subgraphModules: readonly SubgraphModule[] = [
  federationModule(['@key', '@shareable']),
  dateTimeModule,
  userErrorModule,
  profilesModule,
  accountsModule,
  sessionsModule,
];

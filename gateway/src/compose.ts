import { composeServices } from '@apollo/composition';
import { subgraphDocument, type SubgraphModule } from '@gigmart/shared';
import type { ComposeResult } from './supergraph.js';
import { subgraphEndpoints, type SubgraphUrls } from './subgraphs.js';

export interface SubgraphSource {
  name: string;
  url: string;
  modules: SubgraphModule[];
}

export function composeModules(subgraphs: SubgraphSource[]): ComposeResult {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: subgraphDocument(s.modules) })));
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

/**
 * Each service package's schema modules: its `subgraphModules` export (or, until every service
 * has one, `<name>Modules`). Loaded lazily so the gateway itself never depends on the services.
 */
export async function loadSubgraphSources(config: SubgraphUrls): Promise<SubgraphSource[]> {
  const packages: Record<string, () => Promise<Record<string, unknown>>> = {
    users: () => import('@gigmart/users'),
    gigs: () => import('@gigmart/gigs'),
    orders: () => import('@gigmart/orders'),
    inbox: () => import('@gigmart/inbox'),
    media: () => import('@gigmart/media'),
  };
  return Promise.all(
    subgraphEndpoints(config).map(async ({ name, url }) => {
      const exports = await packages[name]!();
      const modules = exports['subgraphModules'] ?? exports[`${name}Modules`];
      if (!Array.isArray(modules) || modules.length === 0) {
        throw new Error(`@gigmart/${name} exports no subgraphModules: the supergraph cannot be composed from its schema files`);
      }
      return { name, url, modules: modules as SubgraphModule[] };
    }),
  );
}

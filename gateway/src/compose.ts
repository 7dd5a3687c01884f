import { composeServices } from '@apollo/composition';
import type { SubgraphModule } from '@gigmart/shared';
import { Kind, type DefinitionNode, type DocumentNode } from 'graphql';
import type { ComposeResult } from './supergraph.js';
import { subgraphEndpoints, type SubgraphUrls } from './subgraphs.js';

export interface SubgraphSource {
  name: string;
  url: string;
  modules: SubgraphModule[];
}

/**
 * One subgraph's schema from its modules, as the service itself assembles it: every module's
 * definitions in one document. The `@link` imports of the modules are merged into one, since
 * composition accepts a spec linked once per subgraph.
 */
export function subgraphDocument(modules: SubgraphModule[]): DocumentNode {
  const definitions: DefinitionNode[] = [];
  for (const module of modules) definitions.push(...module.typeDefs.definitions);
  return { kind: Kind.DOCUMENT, definitions: mergeLinks(definitions) };
}

type Directive = NonNullable<Extract<DefinitionNode, { kind: Kind.SCHEMA_EXTENSION }>['directives']>[number];

function argument(directive: Directive, name: string) {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/** Several modules linking the same spec (e.g. federation, each importing what it uses) become one link. */
function mergeLinks(definitions: DefinitionNode[]): DefinitionNode[] {
  const links = new Map<string, { directive: Directive; imports: Map<string, unknown> }>();
  const rest: DefinitionNode[] = [];
  const schemaDirectives: Directive[] = [];
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION || definition.operationTypes?.length) {
      rest.push(definition);
      continue;
    }
    for (const directive of definition.directives ?? []) {
      const url = argument(directive, 'url');
      if (directive.name.value !== 'link' || url?.kind !== Kind.STRING) {
        schemaDirectives.push(directive);
        continue;
      }
      const entry = links.get(url.value) ?? { directive, imports: new Map() };
      const imports = argument(directive, 'import');
      if (imports?.kind === Kind.LIST) {
        for (const item of imports.values) {
          const key = item.kind === Kind.STRING ? item.value : JSON.stringify(item);
          entry.imports.set(key, item);
        }
      }
      links.set(url.value, entry);
    }
  }
  if (links.size === 0 && schemaDirectives.length === 0) return rest;
  const merged: Directive[] = [...links.values()].map(({ directive, imports }) => ({
    ...directive,
    arguments: [
      ...(directive.arguments ?? []).filter((a) => a.name.value !== 'import'),
      ...(imports.size
        ? [
            {
              kind: Kind.ARGUMENT,
              name: { kind: Kind.NAME, value: 'import' },
              value: { kind: Kind.LIST, values: [...imports.values()] },
            } as never,
          ]
        : []),
    ],
  }));
  return [{ kind: Kind.SCHEMA_EXTENSION, directives: [...merged, ...schemaDirectives] }, ...rest];
}

/** Composes the supergraph from the subgraphs' schema modules: no service needs to run. */
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

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { federationModule, parseConfig, startHttpService, type HttpService } from '@gigmart/shared';
import { testLogger } from '@gigmart/shared/testing';
import type { DocumentNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { startGateway, type GatewayOptions } from '../src/app.js';
import { composeModules } from '../src/compose.js';
import { gatewayEnvSchema } from '../src/config.js';

/** A subgraph of a test, named as one of ours so that the gateway finds it by `<NAME>_URL`. */
export interface TinySubgraph {
  name: 'users' | 'gigs' | 'orders' | 'inbox' | 'media';
  typeDefs: DocumentNode;
  resolvers: object;
  /** The resolvers' context from the request (default: an empty object). */
  context?: (req: IncomingMessage) => object;
}

export interface TinyFederation {
  gateway: HttpService;
  /** Stops one subgraph's server (an outage); `stop` then leaves it be. */
  stopSubgraph(name: TinySubgraph['name']): Promise<void>;
  stop(): Promise<void>;
}

const link = federationModule(['@key']);

/**
 * Tiny subgraphs served in this process, composed the production way into a supergraph file, and a
 * real gateway serving that file: `env` is added to the gateway's environment, `options` to its
 * start options.
 */
export async function startTinyFederation(
  subgraphs: TinySubgraph[],
  env: Record<string, string> = {},
  options: Partial<Omit<GatewayOptions, 'config' | 'logger' | 'port'>> = {},
): Promise<TinyFederation> {
  const services: Record<string, HttpService> = {};
  for (const subgraph of subgraphs) {
    services[subgraph.name] = await startHttpService({
      name: subgraph.name,
      port: 0,
      logger: testLogger,
      schema: buildSubgraphSchema([{ typeDefs: link.typeDefs }, { typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never }]),
      readiness: {},
      context: ({ req }) => Promise.resolve(subgraph.context?.(req) ?? {}),
    });
  }
  const composed = composeModules(
    subgraphs.map((s) => ({ name: s.name, url: services[s.name]!.url, modules: [link, { typeDefs: s.typeDefs }] })),
  );
  if (!composed.ok) throw new Error(composed.errors.join('; '));
  const dir = await mkdtemp(path.join(tmpdir(), 'gigmart-tiny-federation-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composed.supergraphSdl);
  const urls = Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, services[s.name]!.url]));
  const gateway = await startGateway({
    ...options,
    config: parseConfig(gatewayEnvSchema, { SUPERGRAPH_PATH: supergraphPath, ...urls, ...env }),
    logger: testLogger,
    port: 0,
  });
  const stopped = new Set<string>();
  const stopSubgraph = async (name: string) => {
    if (stopped.has(name)) return;
    stopped.add(name);
    await services[name]?.stop();
  };
  return {
    gateway,
    stopSubgraph,
    async stop() {
      await gateway.stop();
      await Promise.all(Object.keys(services).map(stopSubgraph));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

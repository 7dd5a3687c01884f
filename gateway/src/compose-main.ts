/**
 * Production composition: `npm run compose -w gateway` writes gateway/supergraph.graphql from the
 * subgraphs' schema modules, with no service running. Serve it with SUPERGRAPH_PATH; the gateway
 * then routes by subgraph name to USERS_URL / GIGS_URL / ORDERS_URL / INBOX_URL / MEDIA_URL of its own environment.
 * Exits 1 with the composer's messages when the subgraphs do not compose.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@gigmart/shared';
import { composeModules, loadSubgraphSources } from './compose.js';
import { gatewayEnvSchema } from './config.js';

const output = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'supergraph.graphql'));
const config = loadConfig(gatewayEnvSchema);
try {
  const result = composeModules(await loadSubgraphSources(config));
  if (!result.ok) {
    process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  await writeFile(output, result.supergraphSdl);
  process.stdout.write(`Supergraph written to ${output}\n`);
} catch (error) {
  process.stderr.write(`Composition failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/**
 * `npm run schema` writes schema.graphql at the repository root: the public API composed from the
 * services' schema modules (no service needs to run). Frontend codegen reads that file.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, repoRoot } from '@gigmart/shared';
import { composeModules, loadSubgraphSources } from './compose.js';
import { gatewayEnvSchema } from './config.js';
import { publicSchemaSdl } from './public-schema.js';

export const PUBLIC_SCHEMA_PATH = path.join(repoRoot, 'schema.graphql');

const result = composeModules(await loadSubgraphSources(loadConfig(gatewayEnvSchema)));
if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
await writeFile(PUBLIC_SCHEMA_PATH, publicSchemaSdl(result.supergraphSdl));
process.stdout.write(`Public schema written to ${PUBLIC_SCHEMA_PATH}\n`);

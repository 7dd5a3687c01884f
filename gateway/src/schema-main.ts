/**
 * `npm run schema` writes schema.graphql at the repository root: the public API composed from the
 * services' schema modules (no service needs to run). Frontend codegen reads that file.
 *
 * That file is the contract clients rely on, so a change that would break one of them (see
 * schema-compat.ts) is refused unless it is deliberate: `npm run schema -- --accept-breaking`, and
 * say so in the README's changelog.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, repoRoot } from '@gigmart/shared';
import { composeModules, loadSubgraphSources } from './compose.js';
import { gatewayEnvSchema } from './config.js';
import { publicSchemaSdl } from './public-schema.js';
import { compareSchemas, describeChanges } from './schema-compat.js';

export const PUBLIC_SCHEMA_PATH = path.join(repoRoot, 'schema.graphql');

const result = composeModules(await loadSubgraphSources(loadConfig(gatewayEnvSchema)));
if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
const next = publicSchemaSdl(result.supergraphSdl);
const published = await readFile(PUBLIC_SCHEMA_PATH, 'utf8').catch(() => null);
if (published !== null) {
  const { breaking } = await compareSchemas(published, next);
  if (breaking.length && !process.argv.includes('--accept-breaking')) {
    process.stderr.write(
      `schema.graphql not written: ${breaking.length} breaking change(s) for clients of the published schema:\n${describeChanges(breaking)}\n` +
        "If this is deliberate, run `npm run schema -- --accept-breaking` and record it in the README's changelog.\n",
    );
    process.exit(1);
  }
}
await writeFile(PUBLIC_SCHEMA_PATH, next);
process.stdout.write(`Public schema written to ${PUBLIC_SCHEMA_PATH}\n`);

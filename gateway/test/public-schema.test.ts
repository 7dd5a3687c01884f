import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig, repoRoot } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { composeModules, loadSubgraphSources } from '../src/compose.js';
import { gatewayEnvSchema } from '../src/config.js';
import { publicSchemaSdl } from '../src/public-schema.js';

describe('schema.graphql', () => {
  it('is the public API composed from the services, up to date', async () => {
    const result = composeModules(await loadSubgraphSources(parseConfig(gatewayEnvSchema, {})));
    if (!result.ok) throw new Error(`composition failed: ${result.errors.join('; ')}`);
    const expected = publicSchemaSdl(result.supergraphSdl);
    const committed = await readFile(path.join(repoRoot, 'schema.graphql'), 'utf8');
    // On failure: run `npm run schema` and commit the file (then `npm run codegen -w clients/web`).
    expect(committed, 'schema.graphql is stale: run `npm run schema`').toBe(expected);
  });

  it('has none of federation\'s internals', async () => {
    const committed = await readFile(path.join(repoRoot, 'schema.graphql'), 'utf8');
    for (const internal of ['_entities', '_service', 'join__', 'link__', '_Any']) expect(committed).not.toContain(internal);
  });
});

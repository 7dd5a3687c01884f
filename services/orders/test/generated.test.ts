import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolverTypesFreshness } from '@gigmart/shared/codegen';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

/** services/orders, where codegen writes src/generated/resolvers.ts. */
const workspaceDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('src/generated/resolvers.ts', () => {
  it('is what codegen writes from the schema modules now', async () => {
    const { committed, generated } = await resolverTypesFreshness(workspaceDir, config);
    expect(committed, 'stale: run npm run codegen -w services/orders').toBe(generated);
  });
});

import { resolverTypesFreshness } from '@gigmart/shared/codegen';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

describe('src/generated/resolvers.ts', () => {
  it('is what codegen makes of the schema modules now', async () => {
    const { committed, generated } = await resolverTypesFreshness(fileURLToPath(new URL('..', import.meta.url)), config);
    expect(committed, 'stale: run npm run codegen -w services/media').toBe(generated);
  });
});

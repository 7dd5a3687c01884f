import { fileURLToPath } from 'node:url';
import { resolverTypesFreshness } from '@gigmart/shared/codegen';
import { expect, it } from 'vitest';
import codegen from '../codegen.js';

it('src/generated/resolvers.ts is what codegen makes of the schema modules now', async () => {
  const { committed, generated } = await resolverTypesFreshness(fileURLToPath(new URL('..', import.meta.url)), codegen);
  expect(committed === generated, 'stale: run npm run codegen -w services/users').toBe(true);
}, 60_000);

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('generated operation types (src/gql)', () => {
  it('match the schema and the operations in src/ (run `npm run codegen -w clients/web` if not)', async () => {
    const outputs = (await generate({ ...config, cwd: webDir, silent: true }, false)) as Array<{ filename: string; content: string }>;
    expect(outputs.length).toBeGreaterThan(0);
    const generated = new Map(outputs.map((o) => [path.resolve(webDir, o.filename), o.content]));
    const committed = readdirSync(path.join(webDir, 'src/gql')).map((f) => path.join(webDir, 'src/gql', f));
    expect([...committed].sort()).toEqual([...generated.keys()].sort());
    for (const [file, content] of generated) {
      expect(readFileSync(file, 'utf8'), `${path.relative(webDir, file)} is stale`).toBe(content);
    }
  });
});

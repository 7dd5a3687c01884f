/**
 * `npm run chart -w bench -- bench/results/<date>.json`: draws the throughput chart of a results
 * file (src/chart.ts) and writes it next to it, same name, .svg.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chartFromResultsFile } from './chart.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: chart-main.ts <results.json>');
  // `npm run -w bench` runs in bench/: a path given from the repository root is found from INIT_CWD.
  const input = path.resolve(process.env['INIT_CWD'] ?? process.cwd(), file);
  const json: unknown = JSON.parse(await readFile(input, 'utf8'));
  const output = path.join(path.dirname(input), `${path.basename(input, path.extname(input))}.svg`);
  await writeFile(output, chartFromResultsFile(json));
  process.stdout.write(`written: ${output}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`chart failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

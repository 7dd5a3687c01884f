/**
 * `npm test`: typecheck everything, lint (ESLint, zero warnings) and check the formatting (Prettier),
 * run every workspace's tests (each starts its own real database
 * server), then print one total line, `tests: N passed, N failed`, summed from vitest's JSON reports.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
const reportOf = (workspace: string) => path.join(root, workspace, '.vitest/report.json');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const turbo = path.join(root, 'node_modules/.bin/turbo');
for (const workspace of workspaces) rmSync(reportOf(workspace), { force: true });

let code = await run(turbo, ['run', 'typecheck', '--output-logs=errors-only']);
code ||= await run(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'scripts']);
// Type-aware lint of every workspace at once holds all their programs: more than Node's default heap.
code ||= await run(process.execPath, [
  '--max-old-space-size=8192',
  path.join(root, 'node_modules/eslint/bin/eslint.js'),
  '.',
  '--max-warnings=0',
]);
code ||= await run(path.join(root, 'node_modules/.bin/prettier'), ['--check', '.', '--log-level=warn']);
if (code === 0) {
  // One workspace at a time: each run starts a database server and some start whole stacks, and
  // the machines have two cores.
  code = await run(turbo, ['run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)]);
}

let passed = 0;
let failed = 0;
let skipped = 0;
// A file whose set-up fails reports its tests as skipped, not failed: failed files are counted too.
let failedFiles = 0;
for (const workspace of workspaces) {
  if (!existsSync(reportOf(workspace))) continue;
  const report = JSON.parse(readFileSync(reportOf(workspace), 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  failedFiles += report.numFailedTestSuites;
}
const filesNote = failedFiles > 0 ? ` (${failedFiles} test file${failedFiles > 1 ? 's' : ''} failed)` : '';
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${filesNote}\n`);
process.exit(code || (failed > 0 || failedFiles > 0 ? 1 : 0));

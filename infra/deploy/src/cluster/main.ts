/**
 * `npm run cluster`: the multi-instance run (run.ts) at full length, with its report. Exit code 1
 * when any check failed. Each process's output is kept in a folder named at the end.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatReport, runCluster } from './run.js';

const started = Date.now();
const logDir = mkdtempSync(path.join(tmpdir(), 'gigmart-cluster-logs-'));
const say = (line: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
const report = await runCluster({ steadyMs: 10_000, downMs: 8_000, orderWorkers: 4, say, logDir });
process.stdout.write(`\n${formatReport(report)}\nProcess logs: ${logDir}\n`);
process.exit(report.problems.length ? 1 : 0);

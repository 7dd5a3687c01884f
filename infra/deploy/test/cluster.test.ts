import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatReport, runCluster } from '../src/cluster/run.js';

/**
 * The multi-instance run of `npm run cluster`, shorter: two instances of every subgraph and two
 * gateways behind HAProxy, a three-node NATS JetStream cluster, the local database; under steady
 * mixed traffic one instance of each subgraph, one gateway and one NATS node are killed and brought
 * back, one at a time. No read fails once the balancer has noticed, no event is lost or applied
 * twice (order histories, gig stats, notifications, messages), subscriptions resume.
 */
const has = (command: string) => {
  try {
    execFileSync(command, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('several instances of everything, with faults', () => {
  it('keeps reads answering and every event applied exactly once while one process of each kind is killed and restarted', async () => {
    // .ci/run installs both (Debian's haproxy and nats-server).
    for (const command of ['haproxy', 'nats-server']) expect(has(command), `${command} is needed: apt-get install ${command}`).toBe(true);
    const report = await runCluster({ steadyMs: 3000, downMs: 2000, orderWorkers: 3, say: (line) => console.info(`cluster: ${line}`) });
    console.info(formatReport(report));
    expect(report.faults.map((f) => f.target)).toEqual(['users1', 'gigs1', 'orders1', 'inbox1', 'media1', 'gateway1', 'nats1']);
    expect(report.orders.completed).toBeGreaterThan(0);
    expect(report.reads.failedAfterNotice).toBe(0);
    expect(report.subscriptions.reconnects).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
  }, 600_000);
});

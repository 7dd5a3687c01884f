/** The Grafana dashboard (infra/grafana) charts only series the processes export (shared/src/observability/metrics.ts). */
import { readFileSync } from 'node:fs';
import { metricsRegistry } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { repoPath } from './support.js';

interface Dashboard {
  uid: string;
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(repoPath('infra/grafana/gigmart-dashboard.json'), 'utf8')) as Dashboard;
  const exported = new Set(metricsRegistry.getMetricsAsArray().map((m) => m.name));
  /** A histogram's series are its name plus _bucket, _sum and _count. */
  const known = (series: string) => exported.has(series) || exported.has(series.replace(/_(bucket|sum|count)$/, ''));

  it('has panels for traffic, latency, errors, subgraphs, the database, the outbox, events and subscriptions', () => {
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/gigmart_[a-z0-9_]+/g) ?? [])));
    for (const series of [
      'gigmart_http_requests_total',
      'gigmart_graphql_operation_duration_seconds_bucket',
      'gigmart_graphql_errors_total',
      'gigmart_subgraph_fetch_duration_seconds_bucket',
      'gigmart_subgraph_fetches_total',
      'gigmart_db_command_duration_seconds_bucket',
      'gigmart_outbox_backlog_events',
      'gigmart_event_lag_seconds_bucket',
      'gigmart_subscriptions_open',
    ]) {
      expect(used, series).toContain(series);
    }
  });

  it('queries no series that no process exports', () => {
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        for (const series of target.expr.match(/gigmart_[a-z0-9_]+/g) ?? []) expect(known(series), `${panel.title}: ${series}`).toBe(true);
      }
    }
  });
});

import { composeServices } from '@apollo/composition';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@gigmart/shared';
import { parse } from 'graphql';
import type { SubgraphEndpoint } from './subgraphs.js';

const SERVICE_SDL_QUERY = 'query __ApolloGetServiceDefinition__ { _service { sdl } }';

async function fetchSdl(subgraph: SubgraphEndpoint, timeoutMs: number): Promise<string> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SERVICE_SDL_QUERY }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!response.ok || !sdl) throw new Error(`${subgraph.name} answered ${response.status} without a schema`);
  return sdl;
}

export type ComposeResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes subgraph schemas (SDL by name) into a supergraph, or the composer's messages. */
export function compose(subgraphs: Array<{ name: string; url: string; sdl: string }>): ComposeResult {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

/**
 * Development composition: like Apollo's IntrospectAndCompose, but it waits (retrying) until every
 * subgraph answers instead of failing the gateway's start, and keeps serving the last good
 * supergraph while a subgraph is down or its new schema does not compose.
 */
export class RetryingComposer implements SupergraphManager {
  private timer: NodeJS.Timeout | null = null;
  private current = '';
  private stopped = false;

  constructor(
    private readonly options: {
      subgraphs: SubgraphEndpoint[];
      logger: Logger;
      pollIntervalMs: number;
      retryIntervalMs?: number;
      timeoutMs?: number;
    },
  ) {}

  private async attempt(): Promise<{ sdl?: string; missing: string[]; errors: string[] }> {
    const timeout = this.options.timeoutMs ?? 3000;
    const results = await Promise.allSettled(this.options.subgraphs.map((s) => fetchSdl(s, timeout)));
    const missing = this.options.subgraphs.filter((_, i) => results[i]!.status === 'rejected').map((s) => s.name);
    if (missing.length) return { missing, errors: [] };
    const composed = compose(
      this.options.subgraphs.map((s, i) => ({ name: s.name, url: s.url, sdl: (results[i] as PromiseFulfilledResult<string>).value })),
    );
    return composed.ok ? { sdl: composed.supergraphSdl, missing: [], errors: [] } : { missing: [], errors: composed.errors };
  }

  /** Development: recompose when a subgraph's schema changed; a schema that does not compose is not served. */
  private async poll(update: (sdl: string) => void): Promise<void> {
    const { logger } = this.options;
    try {
      const result = await this.attempt();
      if (result.sdl && result.sdl !== this.current) {
        this.current = result.sdl;
        update(result.sdl);
        logger.info('a subgraph schema changed: supergraph recomposed');
      } else if (result.errors.length) {
        logger.error({ errors: result.errors }, 'a changed subgraph schema does not compose: keeping the last supergraph');
      }
    } catch (error) {
      logger.error({ err: error }, 'supergraph poll failed');
    }
  }

  async initialize({ update }: { update: (sdl: string) => void }) {
    const { logger } = this.options;
    let lastReport = '';
    for (;;) {
      if (this.stopped) throw new Error('gateway stopped before composition');
      const result = await this.attempt();
      if (result.sdl) {
        this.current = result.sdl;
        break;
      }
      const report = result.missing.length
        ? `waiting for subgraphs: ${result.missing.join(', ')}`
        : `composition failed: ${result.errors.join(' | ')}`;
      if (report !== lastReport) logger.warn(report);
      lastReport = report;
      await new Promise((r) => setTimeout(r, this.options.retryIntervalMs ?? 500));
    }
    logger.info('supergraph composed');

    if (this.options.pollIntervalMs > 0) {
      this.timer = setInterval(() => void this.poll(update), this.options.pollIntervalMs);
      this.timer.unref();
    }
    return {
      supergraphSdl: this.current,
      cleanup: () => {
        this.stopped = true;
        if (this.timer) clearInterval(this.timer);
        return Promise.resolve();
      },
    };
  }
}

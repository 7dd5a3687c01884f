import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { NextFunction, Request, Response } from 'express';
import { PROBE_PATHS } from '../http/probes.js';
import type { Logger } from '../logger.js';

/**
 * OpenTelemetry traces: one trace per client request, from the gateway through every subgraph it
 * calls to each database command they send.
 *
 * - The HTTP shell (http/service.ts) opens a SERVER span for each request, continuing the caller's
 *   W3C `traceparent` when there is one (`traceRequests`).
 * - The gateway opens a CLIENT span per subgraph fetch and sends its `traceparent` along
 *   (gateway/src/datasource.ts); @apollo/gateway adds its own spans (plan, execute, fetch).
 * - Every database connection opens a CLIENT span per command (db/connect.ts, `traceDatabase`).
 *
 * Spans are made through `@opentelemetry/api` always; they go nowhere (no-op, next to no cost)
 * unless `startTracing` registered a provider, which it does when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set: spans are then batched and exported over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`, with the
 * usual OTEL_* variables (OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_SCHEDULE_DELAY, ...) honoured.
 */
export const tracer = trace.getTracer('gigmart');

/** Whether this process exports spans (`startTracing` registered a provider): else requests skip the span work. */
let exporting = false;

export interface Tracing {
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
}

/** Registers the process's tracer provider when `endpoint` is set (OTEL_EXPORTER_OTLP_ENDPOINT); else null. */
export function startTracing(service: string, endpoint: string | undefined, logger?: Logger): Tracing | null {
  if (!endpoint) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'gigmart' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: new URL('v1/traces', withSlash(endpoint)).href }))],
  });
  // AsyncLocalStorage context and the W3C trace-context and baggage propagators.
  provider.register();
  exporting = true;
  logger?.info({ endpoint }, 'tracing: exporting spans over OTLP');
  return {
    shutdown: () => {
      exporting = false;
      return provider.shutdown();
    },
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * Express middleware: a SERVER span per request, a child of the caller's `traceparent`, active for
 * everything the request does (the request and response emitters are bound to it, so work resumed
 * from their events, such as the body parser's, stays in the trace). Without an exporter it only
 * calls on: the API's no-op spans would go nowhere, and the trace API with this code was 3.5% of
 * the gateway's CPU on an operation it sends straight on, this span part of it (its CPU profile
 * under operation 2', bench/README.md).
 */
export function traceRequests(service: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!exporting || PROBE_PATHS.has(req.path)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      `${req.method} ${req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path, 'gigmart.service': service },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    context.bind(active, req);
    context.bind(active, res);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(active, next);
  };
}

/** Runs `work` in a new span that is active inside it; ends it (with the error, if any) when `work` settles. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Record<string, string | number | boolean> },
  work: (span: Span, active: Context) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} });
  const active = trace.setSpan(context.active(), span);
  try {
    return await context.with(active, () => work(span, active));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** Writes the active trace context (`traceparent`, `tracestate`) into outgoing headers. */
export function injectTraceHeaders(headers: { set(name: string, value: string): void }, active: Context = context.active()): void {
  propagation.inject(active, headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

export { SpanKind, SpanStatusCode };

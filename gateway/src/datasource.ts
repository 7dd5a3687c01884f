import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  ErrorCode,
  REQUEST_ID_HEADER,
  SERVICE_TOKEN_HEADER,
  SpanKind,
  inSpan,
  injectTraceHeaders,
  subgraphFetchDuration,
  subgraphFetches,
  type Logger,
} from '@gigmart/shared';
import type { GraphQLFormattedError } from 'graphql';
import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { isOutageError, recordFailedFetch } from './outage-paths.js';

/** What the gateway knows about a client request and passes on to the subgraphs. */
export interface ForwardedContext {
  requestId: string;
  logger: Logger;
  authorization?: string;
  /** The client's address as the gateway sees it (honouring TRUST_PROXY_HOPS). */
  clientAddress?: string;
  /** A subgraph's answer the pass-through already fetched for this request, used instead of a second fetch. */
  prefetchedAnswer?: PrefetchedAnswer;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface SubgraphClient {
  fetcher: Fetcher;
  close(): Promise<void>;
}

/**
 * One pool of keep-alive connections for every subgraph call, each call bounded by `timeoutMs`:
 * a subgraph that hangs costs a client one error, not a request stuck until the socket dies.
 *
 * Calls go through undici's dispatcher API (`request`), not its WHATWG `fetch`: a subgraph call
 * needs a status, two headers and a JSON body, and fetch's Request, Response, Headers and web
 * streams cost about 12% of the gateway's CPU under load (bench/README.md, "Run of 2026-11-30,
 * second session"). The answer is handed to Apollo's data source as the small response it reads.
 */
export function createSubgraphClient(options: { timeoutMs: number; keepAliveMs: number }): SubgraphClient {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveMs,
    // Subgraph servers keep idle sockets 65 s (shared http/service.ts); never hold one longer.
    keepAliveMaxTimeout: Math.min(options.keepAliveMs, 60_000),
    connect: { timeout: Math.min(options.timeoutMs, 5000) },
  });
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      targets.set(url, target);
    }
    return target;
  };
  const fetcher: Fetcher = async (url, init) => {
    const { statusCode, headers, body } = await agent.request({
      ...targetOf(url),
      method: init?.method ?? 'GET',
      headers: init?.headers ?? {},
      body: init?.body ?? null,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return new SubgraphResponse(url, statusCode, headers, body);
  };
  return { fetcher, close: () => agent.close() };
}

/** A subgraph's answer as Apollo's data source reads it (status, headers, body once). */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: FetcherHeaders;
  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: Dispatcher.ResponseData['body'],
  ) {
    this.headers = new ReceivedHeaders(headers);
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  get bodyUsed(): boolean {
    return this.body.bodyUsed;
  }
  text(): Promise<string> {
    return this.body.text();
  }
  json(): Promise<unknown> {
    return this.body.json();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.body.arrayBuffer();
  }
  clone(): FetcherResponse {
    throw new Error('A subgraph response is read once.');
  }
}

/** Response headers, names lower-cased as received (several values of one name joined). */
class ReceivedHeaders implements FetcherHeaders {
  private readonly values_ = new Map<string, string>();
  constructor(received: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(received)) {
      if (value !== undefined) this.values_.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }
  get(name: string): string | null {
    return this.values_.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.values_.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.values_.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const kept = this.values_.get(key);
    this.values_.set(key, kept === undefined ? value : `${kept}, ${value}`);
  }
  delete(name: string): void {
    this.values_.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.values_.entries();
  }
  keys(): IterableIterator<string> {
    return this.values_.keys();
  }
  values(): IterableIterator<string> {
    return this.values_.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.values_.entries();
  }
}

/**
 * What a subgraph is told about the caller of a fetch made for a client request: the request id,
 * the client's token and address, the service credential, and the trace to continue (the fetch's
 * span must be active). Set on every subgraph call, planned or passed through (pass-through.ts).
 */
export function setForwardedHeaders(
  headers: { set(name: string, value: string): void },
  forwarded: ForwardedContext,
  serviceToken: string | undefined,
): void {
  headers.set(REQUEST_ID_HEADER, forwarded.requestId);
  if (forwarded.authorization) headers.set('authorization', forwarded.authorization);
  // Replaces whatever the client claimed: subgraphs throttle per address and must get the real one.
  if (forwarded.clientAddress) headers.set('x-forwarded-for', forwarded.clientAddress);
  // The subgraphs believe x-forwarded-for only from a caller with the service credential; without
  // it they count the gateway's own address for every client.
  if (serviceToken) headers.set(SERVICE_TOKEN_HEADER, serviceToken);
  injectTraceHeaders(headers);
}

export type { GatewayGraphQLResponse };

export type SubgraphFetchOutcome = 'ok' | 'graphql_error' | 'http_error' | 'timeout' | 'unreachable';

/**
 * One subgraph fetch as the operators see it: a CLIENT span (whose traceparent the subgraph
 * continues: `run` sets the headers inside it), its duration and outcome in the metrics.
 */
export async function observedSubgraphFetch<T>(
  subgraph: string,
  run: () => Promise<{ response: T; outcome: SubgraphFetchOutcome }>,
): Promise<T> {
  const stop = subgraphFetchDuration.startTimer({ subgraph });
  const { response, outcome } = await inSpan(
    `subgraph ${subgraph}`,
    { kind: SpanKind.CLIENT, attributes: { 'gigmart.subgraph': subgraph } },
    async (span) => {
      const sent = await run();
      if (sent.outcome !== 'ok') span.setAttribute('gigmart.outcome', sent.outcome);
      return sent;
    },
  );
  stop();
  subgraphFetches.inc({ subgraph, outcome });
  return response;
}

/** A subgraph's answer fetched for a request before its usual execution (pass-through.ts). */
export interface PrefetchedAnswer {
  subgraph: string;
  /** The fetch operation it answers: the usual execution's fetch must be the same to take it. */
  query: string;
  response: GatewayGraphQLResponse;
}

/**
 * Answers already fetched, by the HTTP request they were fetched for: the pass-through leaves an
 * answer it does not send back itself (errors, an outage) here; the request's context takes it
 * (`takeAnswerFetchedFor`, app.ts) and the usual execution's data source uses it instead of asking
 * the subgraph a second time, then makes the client's answer from it the usual way.
 */
const fetchedForRequest = new WeakMap<object, PrefetchedAnswer>();

export function leaveAnswerFetchedFor(req: object, answer: PrefetchedAnswer): void {
  fetchedForRequest.set(req, answer);
}

export function takeAnswerFetchedFor(req: object): PrefetchedAnswer | undefined {
  const answer = fetchedForRequest.get(req);
  fetchedForRequest.delete(req);
  return answer;
}

/** The request's prefetched answer, once, if it answers this fetch. */
function takePrefetchedAnswer(options: GraphQLDataSourceProcessOptions<ForwardedContext>, subgraph: string): GatewayGraphQLResponse | null {
  const context = options.context as Partial<ForwardedContext>;
  const answer = context.prefetchedAnswer;
  if (!answer || answer.subgraph !== subgraph || answer.query !== options.request.query) return null;
  delete context.prefetchedAnswer;
  return answer.response;
}

/** The error a fetch that got no GraphQL answer is answered with: the subgraph named, nothing of the cause. */
export function outageResponse(subgraph: string, timedOut: boolean): GatewayGraphQLResponse {
  return {
    errors: [
      {
        message: timedOut ? `The ${subgraph} service did not answer in time.` : `The ${subgraph} service is unavailable.`,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: subgraph },
      },
    ],
  };
}

interface ResponseErrorExtensions {
  response?: { status?: number; body?: unknown };
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Why a fetch brought no answer to use: an HTTP error status (with the body, parsed if it was JSON), or no answer at all. */
export type FetchFailure = { kind: 'http'; status: number | undefined; body: unknown } | { kind: 'network'; error: unknown };

/**
 * The answer a failed fetch is made into, logged once, for the planned execution's data source and
 * the pass-through alike: an HTTP error's own GraphQL errors when it has some (a subgraph still
 * starting says so), else the outage error naming the subgraph, and nothing of the cause.
 */
export function failedFetchAnswer(
  subgraph: string,
  failure: FetchFailure,
  logger: Logger | undefined,
): { response: GatewayGraphQLResponse; outcome: SubgraphFetchOutcome } {
  if (failure.kind === 'http') {
    logger?.warn({ subgraph, status: failure.status }, 'subgraph answered with an HTTP error');
    const errors = typeof failure.body === 'object' && failure.body !== null ? (failure.body as { errors?: unknown }).errors : undefined;
    const own = Array.isArray(errors) && errors.length > 0 ? { errors: errors as GraphQLFormattedError[] } : null;
    return { response: own ?? outageResponse(subgraph, false), outcome: 'http_error' };
  }
  const timedOut = isTimeout(failure.error);
  logger?.warn({ err: failure.error, subgraph }, timedOut ? 'subgraph timed out' : 'subgraph unreachable');
  return { response: outageResponse(subgraph, timedOut), outcome: timedOut ? 'timeout' : 'unreachable' };
}

/**
 * Forwards what a subgraph needs to know about the caller, and turns a subgraph that cannot be
 * reached into an error naming it, so the rest of a query still returns its data and no URL,
 * socket error or stack ever reaches a client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<ForwardedContext> {
  readonly subgraph: string;
  private readonly deduplicate: boolean;
  private readonly serviceToken: string | undefined;
  /** Read operations on their way to the subgraph, by everything that makes their answer. */
  private readonly inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();

  /** `serviceToken`: the credential that makes a subgraph believe the forwarded client address. */
  constructor(options: { name: string; url: string; fetcher: Fetcher; deduplicate?: boolean; serviceToken?: string | undefined }) {
    super({ url: options.url, fetcher: options.fetcher });
    this.subgraph = options.name;
    this.deduplicate = options.deduplicate ?? true;
    this.serviceToken = options.serviceToken;
    // The subgraphs send no cache hints; what may be kept is the gateway's decision (response-cache.ts).
    this.honorSubgraphCacheControlHeader = false;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<ForwardedContext>): void {
    if (!('requestId' in context)) return; // the gateway's own calls (health checks)
    const headers = request.http?.headers;
    if (headers) setForwardedHeaders(headers, context as ForwardedContext, this.serviceToken);
  }

  /**
   * Identical reads in flight at the same time go to the subgraph once: same operation, same
   * variables, same caller (token and address), so the answer cannot differ. Under load many
   * clients ask for the same popular gig, category page or seller at once. Mutations always go.
   * Each caller gets its own copy: the gateway merges later fetches into the objects it receives.
   */
  override async process(options: GraphQLDataSourceProcessOptions<ForwardedContext>): Promise<GatewayGraphQLResponse> {
    const response = await this.processOnce(options);
    this.noteOutage(options, response);
    return response;
  }

  /**
   * A fetch answered with this data source's outage error is remembered for the request, with
   * where the plan merges it and what it asked, so that the error can be given the paths of the
   * data it leaves missing (outage-paths.ts).
   */
  private noteOutage(options: GraphQLDataSourceProcessOptions<ForwardedContext>, response: GatewayGraphQLResponse): void {
    if (!('incomingRequestContext' in options) || !response.errors || !options.request.query) return;
    const { representations: _representations, ...variables } = options.request.variables ?? {};
    for (const error of response.errors) {
      if (error.path || !isOutageError(error, this.subgraph)) continue;
      recordFailedFetch(options.context, {
        service: this.subgraph,
        message: error.message,
        mergePath: options.pathInIncomingRequest ?? [],
        query: options.request.query,
        variables,
      });
    }
  }

  private async processOnce(options: GraphQLDataSourceProcessOptions<ForwardedContext>): Promise<GatewayGraphQLResponse> {
    const prefetched = takePrefetchedAnswer(options, this.subgraph);
    if (prefetched) return prefetched;
    const { query, variables } = options.request;
    const context = options.context as Partial<ForwardedContext>;
    if (!this.deduplicate || !context.requestId || !query || /^\s*mutation\b/.test(query)) return this.send(options);
    const key = JSON.stringify([query, variables ?? null, context.authorization ?? null, context.clientAddress ?? null]);
    const pending = this.inFlight.get(key);
    if (pending) {
      // A copy, made as soon as the answer is in: the first caller's request keeps the original,
      // and its executor only resumes after these reactions have run. The HTTP part (headers) is
      // only read, never merged into.
      const { http, ...result } = await pending;
      return { ...structuredClone(result), ...(http ? { http } : {}) };
    }
    const request = this.send(options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /** One fetch, observed (`observedSubgraphFetch`). */
  private send(options: GraphQLDataSourceProcessOptions<ForwardedContext>): Promise<GatewayGraphQLResponse> {
    return observedSubgraphFetch(this.subgraph, () => this.sendInSpan(options));
  }

  private async sendInSpan(
    options: GraphQLDataSourceProcessOptions<ForwardedContext>,
  ): Promise<{ response: GatewayGraphQLResponse; outcome: SubgraphFetchOutcome }> {
    try {
      const response = await super.process(options);
      return { response, outcome: response.errors?.length ? 'graphql_error' : 'ok' };
    } catch (error) {
      const context = options.context as Partial<ForwardedContext>;
      if (!context.requestId) throw error;
      const response = (error as { extensions?: ResponseErrorExtensions }).extensions?.response;
      const failure: FetchFailure = response ? { kind: 'http', status: response.status, body: response.body } : { kind: 'network', error };
      return failedFetchAnswer(this.subgraph, failure, context.logger);
    }
  }
}

import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import {
  authenticate,
  gatewayPassThrough,
  graphqlOperationDuration,
  graphqlOperations,
  operationLabel,
  type AccessTokenVerifier,
} from '@gigmart/shared';
import type { RequestHandler, Request } from 'express';
import { LRUCache } from 'lru-cache';
import {
  Kind,
  OperationTypeNode,
  getVariableValues,
  parse,
  print,
  stripIgnoredCharacters,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import {
  failedFetchAnswer,
  leaveAnswerFetchedFor,
  observedSubgraphFetch,
  setForwardedHeaders,
  type ForwardedContext,
  type GatewayGraphQLResponse,
  type SubgraphClient,
} from './datasource.js';
import { mediaTypeFor, type AnonymousResponseCache } from './response-cache.js';

/** An operation whose plan is one fetch of the client's own selection, and how to send it on. */
interface Route {
  kind: OperationTypeNode.QUERY | OperationTypeNode.MUTATION;
  subgraph: string;
  url: string;
  /** The fetch's operation as the planner wrote it (what the usual execution sends too). */
  query: string;
  operationName: string | undefined;
  /** The client's variables the fetch uses, as the planner listed them. */
  variableUsages: readonly string[];
  /** The client operation's variable definitions, checked against `schema` on every request. */
  variableDefinitions: readonly VariableDefinitionNode[];
  schema: GraphQLSchema;
}

export interface PassThrough {
  /** ApolloGateway's `experimental_didResolveQueryPlan`: learns the operations that can go straight through. */
  learn: Experimental_DidResolveQueryPlanCallback;
  /** On POST /graphql after the response cache: answers the learned operations without Apollo. */
  middleware: RequestHandler;
  /** Forget what was learned (a new supergraph: plans change). */
  forget(): void;
  /** Operations learned (tests). */
  readonly size: number;
}

/** The most operations remembered per gateway process (each entry is small: a query's text). */
export const MAX_ROUTES = 1000;

/** An operation's text as the planner compares it: no name, no ignored characters. */
function unnamed(operation: OperationDefinitionNode): string {
  return stripIgnoredCharacters(print({ ...operation, name: undefined }));
}

const keyOf = (query: string, operationName: unknown) => `${typeof operationName === 'string' ? operationName : ''}\n${query}`;

/** What a pass-through fetch brought back: bytes to send, or an answer for the usual execution to make the client's from. */
type Fetched = { plain: string } | { usual: GatewayGraphQLResponse };

/** A failed fetch's answer, for the usual execution to make the client's from. */
const usual = ({ response, outcome }: ReturnType<typeof failedFetchAnswer>) => ({ response: { usual: response }, outcome });

/** A subgraph's JSON answer, if it is one: `data`, `errors` and `extensions` as the data source reads them. */
function parseAnswer(text: string): GatewayGraphQLResponse | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const { data, errors, extensions } = parsed as GatewayGraphQLResponse;
    if (errors !== undefined && !Array.isArray(errors)) return null;
    return { ...(data !== undefined ? { data } : {}), ...(errors ? { errors } : {}), ...(extensions ? { extensions } : {}) };
  } catch {
    return null;
  }
}

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/**
 * Operations sent on to their one subgraph as they are.
 *
 * A query whose plan is a single fetch, with no entity jumps, no `@requires` and no rewrites,
 * whose fetch operation is the client's own operation (same selection, same variables, compared
 * after printing both without their names), has as its answer exactly what that subgraph answers:
 * @apollo/gateway would parse it, plan it, send the fetch, merge the answer into an empty result
 * and shape it again for a result identical to the subgraph's. This module learns such operations
 * from the plans the gateway makes (the first request of each goes the usual way: parsed,
 * validated against the supergraph, checked by the operation limits, planned), and from then on
 * answers them before Apollo: the variables are checked against the supergraph's types, the token
 * is verified as the context function does, the fetch goes out with the same headers as a planned
 * one (request id, token, client address, service credential, trace) and the subgraph's bytes go
 * back to the client. A mutation of one subgraph goes the same way (`placeOrder`, every `userErrors`
 * answer included) and, once answered, clears the anonymous response cache as the usual execution
 * does; the identical anonymous mutations waiting on it are let through at once.
 *
 * Anything unusual goes the usual way, and nothing is asked twice. Before the fetch: a variable
 * that does not fit or a token not accepted (Apollo refuses them with its usual errors). After it:
 * an answer with errors or extensions, an HTTP error or a subgraph out of reach is left for the
 * request's usual execution, whose data source takes it instead of fetching again
 * (`leaveAnswerFetchedFor`); the client's answer is then made, masked and given its outage paths
 * (outage-paths.ts) in the one place every answer is made. Only plain success skips Apollo. (The
 * one way a subgraph is asked twice: a new supergraph taken between this request's fetch and its
 * usual execution, planning the operation differently; supergraphs change at deployment, or by
 * polling in development.)
 */
export function passThrough(options: {
  client: SubgraphClient;
  urlOf: (subgraph: string) => string | undefined;
  verify: AccessTokenVerifier;
  serviceToken: string | undefined;
  /** The anonymous response cache: answers to anonymous queries are kept there, and go out marked as it marks them. */
  responseCache: AnonymousResponseCache<ForwardedContext> | null;
  responseCacheSeconds: number;
}): PassThrough {
  // Least recently used out first: operations sent once and never again cannot crowd out the ones in use.
  const routes = new LRUCache<string, Route>({ max: MAX_ROUTES });
  const anonymousCacheControl =
    options.responseCache && options.responseCacheSeconds > 0 ? `max-age=${options.responseCacheSeconds}, public` : 'no-store';

  const learn: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, requestContext }) => {
    const { request, operation, document } = requestContext;
    if (typeof request.query !== 'string') return;
    const key = keyOf(request.query, request.operationName);
    if (routes.has(key) || !operation || document.definitions.length !== 1) return;
    const kind = operation.operation;
    if (kind !== OperationTypeNode.QUERY && kind !== OperationTypeNode.MUTATION) return;
    const node = queryPlan.node;
    if (node?.kind !== 'Fetch' || node.requires?.length || node.inputRewrites?.length || node.outputRewrites?.length) return;
    if (node.contextRewrites?.length || node.hasDefers || node.operationKind !== kind) return;
    const url = options.urlOf(node.serviceName);
    if (!url) return;
    const planned = parse(node.operation).definitions[0];
    if (planned?.kind !== Kind.OPERATION_DEFINITION || unnamed(planned) !== unnamed(operation)) return;
    routes.set(key, {
      kind,
      subgraph: node.serviceName,
      url,
      query: node.operation,
      operationName: node.operationName,
      variableUsages: node.variableUsages ?? [],
      variableDefinitions: operation.variableDefinitions ?? [],
      schema: requestContext.schema,
    });
  };

  /**
   * The subgraph's answer: its bytes when it is a plain success, else the answer as the usual
   * execution's data source would have made it (errors, an outage), for that execution to use.
   */
  const send = (route: Route, forwarded: ForwardedContext, variables: Record<string, unknown>) =>
    observedSubgraphFetch<Fetched>(route.subgraph, async () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      setForwardedHeaders({ set: (name, value) => (headers[name.toLowerCase()] = value) }, forwarded, options.serviceToken);
      const used = Object.fromEntries(route.variableUsages.filter((name) => name in variables).map((name) => [name, variables[name]]));
      let status: number;
      let text: string;
      try {
        const response = await options.client.fetcher(route.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: route.query, operationName: route.operationName, variables: used }),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        return usual(failedFetchAnswer(route.subgraph, { kind: 'network', error }, forwarded.logger));
      }
      // Only `{"data":{...}}` goes back as it is: an answer with errors or extensions is made the usual way.
      if (status === 200 && text.startsWith('{"data":{') && !text.includes('"errors"') && !text.includes('"extensions"')) {
        return { response: { plain: text }, outcome: 'ok' };
      }
      const parsed = parseAnswer(text);
      if (status >= 200 && status < 300 && parsed) return { response: { usual: parsed }, outcome: 'graphql_error' };
      return usual(failedFetchAnswer(route.subgraph, { kind: 'http', status, body: parsed }, forwarded.logger));
    });

  const middleware: RequestHandler = (req, res, next) => {
    const body = req.body as GraphQLBody | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string' || body.extensions !== undefined) return next();
    const route = routes.get(keyOf(body.query, body.operationName));
    if (!route) return next();
    // Apollo's CSRF rule holds here: express.json only parses a JSON body, a type no form can send.
    const mediaType = mediaTypeFor(req.headers.accept);
    if (!mediaType) return next();
    const raw = body.variables ?? {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return next();
    const coerced = getVariableValues(route.schema, route.variableDefinitions, raw as Record<string, unknown>);
    if (coerced.errors) return next();
    const mutation = route.kind === OperationTypeNode.MUTATION;
    // As the usual execution does once it knows an operation is a mutation: identical ones waiting go now.
    if (mutation) options.responseCache?.release(body);
    const timer = graphqlOperationDuration.startTimer();
    void answer(req, route, raw as Record<string, unknown>).then(
      (fetched) => {
        if (!fetched || 'usual' in fetched) {
          gatewayPassThrough.inc({ outcome: 'fell_back' });
          if (fetched) leaveAnswerFetchedFor(req, { subgraph: route.subgraph, query: route.query, response: fetched.usual });
          return next();
        }
        gatewayPassThrough.inc({ outcome: 'answered' });
        const operationName = typeof body.operationName === 'string' ? body.operationName : null;
        // Counted and timed as the usual execution counts every operation (graphqlMetricsPlugin).
        const labels = { service: 'gateway', operation: operationLabel('gateway', operationName), type: route.kind };
        timer(labels);
        graphqlOperations.inc({ ...labels, outcome: 'ok' });
        const anonymous = !req.headers.authorization;
        // A mutation done: what visitors were answered may have changed (response-cache.ts).
        if (mutation) options.responseCache?.clear();
        else if (anonymous) options.responseCache?.offer(body, fetched.plain);
        res.status(200);
        res.setHeader('content-type', mediaType);
        res.setHeader('cache-control', anonymous && !mutation ? anonymousCacheControl : 'no-store');
        res.end(fetched.plain);
      },
      (error: unknown) => next(error),
    );
  };

  /** Null: the token was not accepted (the usual execution refuses it, with its error and log line). */
  const answer = async (req: Request, route: Route, variables: Record<string, unknown>): Promise<Fetched | null> => {
    const authorization = req.headers.authorization;
    if (authorization) {
      try {
        await authenticate(authorization, options.verify);
      } catch {
        return null;
      }
    }
    const forwarded: ForwardedContext = {
      requestId: req.requestId,
      logger: req.log,
      ...(authorization ? { authorization } : {}),
      ...(req.ip ? { clientAddress: req.ip } : {}),
    };
    return send(route, forwarded, variables);
  };

  return {
    learn,
    middleware,
    forget: () => routes.clear(),
    get size() {
      return routes.size;
    },
  };
}

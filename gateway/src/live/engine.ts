import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  ErrorCode,
  isLiveEvent,
  isOrderActivityEvent,
  openSubscriptions,
  viewerFromAuthorization,
  type AccessTokenVerifier,
  type DomainEvent,
  type Logger,
  type Viewer,
} from '@gigmart/shared';
import { print, type DocumentNode, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { GatewayContext } from '../app.js';
import { Channel } from './channel.js';
import { graphqlCjs } from './graphql-cjs.js';
import type { LiveHub } from './hub.js';
import { LIVE_ID_VARIABLE, liveOperation, type LiveField, type LiveOperation } from './operations.js';

const { GraphQLError, parse, specifiedRules, validate } = graphqlCjs;
type GraphQLError = InstanceType<typeof GraphQLError>;

/** Who holds a connection: the Authorization value it presented (connection_init or the SSE request's header). */
export interface LiveIdentity {
  authorization?: string | undefined;
  clientAddress?: string | undefined;
}

export interface LiveRequest {
  query: string;
  variables?: Record<string, unknown> | null | undefined;
  operationName?: string | null | undefined;
}

export interface LiveEngineOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's public schema as composed now (null until the first composition). */
  schema: () => GraphQLSchema | null;
  verify: AccessTokenVerifier;
  hub: LiveHub;
  logger: Logger;
  /** The same limits as queries (limits.ts operationLimits). */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  /** Items one subscription may have waiting for its client before it is dropped as too slow. */
  maxBacklog: number;
}

export type Prepared =
  | { kind: 'subscription'; results: AsyncIterableIterator<ExecutionResult>; field: LiveField; document: DocumentNode }
  | { kind: 'operation'; run: () => Promise<ExecutionResult>; document: DocumentNode }
  | { kind: 'refused'; errors: GraphQLError[] };

const error = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });
const unauthenticated = (message = 'Sign in to subscribe: send "Authorization: Bearer <access token>".') =>
  error(message, ErrorCode.UNAUTHENTICATED);

/** The access token's expiry (seconds since the epoch) once it was verified; null when it has none. */
function expiryOf(authorization: string): number | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** The query's result under the subscription's response key (`message` → `messageAdded`). */
function renamed(result: ExecutionResult, live: LiveOperation): ExecutionResult {
  const rename = live.rename;
  if (!rename || !result.data || !(rename.from in result.data)) return result;
  const { [rename.from]: value, ...rest } = result.data;
  // Errors' paths name the response key too (formatted errors: plain objects).
  const errors = result.errors?.map((e) =>
    e.path?.[0] === rename.from ? ({ ...e, path: [rename.to, ...e.path.slice(1)] } as unknown as typeof e) : e,
  );
  return { ...result, ...(errors ? { errors } : {}), data: { [rename.to]: value, ...rest } };
}

/** The id of the item an event brings to a subscription of `field`, or null when it is not for it. */
export function matchEvent(field: LiveField, args: Record<string, unknown>, viewer: Viewer, event: DomainEvent): string | null {
  switch (field) {
    case 'orderUpdated':
      return isOrderActivityEvent(event) && event.aggregateId === args['id'] ? event.aggregateId : null;
    case 'myOrderUpdated':
      return isOrderActivityEvent(event) && (event.data.sellerId === viewer.id || event.data.activity.buyerId === viewer.id)
        ? event.aggregateId
        : null;
    default:
      break;
  }
  if (!isLiveEvent(event)) return null;
  switch (event.type) {
    case 'message.added': {
      if (field !== 'messageAdded' || !event.data.participantIds.includes(viewer.id)) return null;
      const only = args['conversationId'];
      return only == null || only === event.data.conversationId ? event.data.messageId : null;
    }
    case 'notification.added':
      return field === 'notificationAdded' && event.data.recipientId === viewer.id ? event.data.notificationId : null;
    case 'inbox.counts_changed':
      return field === 'inboxCountsChanged' && event.data.memberIds.includes(viewer.id) ? 'counts' : null;
  }
}

/**
 * Subscriptions over any transport: parses and validates the operation against the gateway's
 * public schema with the queries' limits, requires a valid access token, checks the subscriber may
 * see what they name (through the same queries as anyone), then, for each matching event, checks
 * the token again and runs the subscription's selection as a query through the gateway itself.
 * Queries and mutations sent over a live transport run through the gateway as over HTTP.
 */
export function createLiveEngine(options: LiveEngineOptions) {
  const { apollo, hub, logger } = options;

  const run = async (
    identity: LiveIdentity,
    document: DocumentNode | string,
    variables: Record<string, unknown>,
    operationName?: string | null,
  ) => {
    const response = await apollo.executeOperation(
      { query: typeof document === 'string' ? document : print(document), variables, ...(operationName ? { operationName } : {}) },
      {
        contextValue: {
          requestId: randomUUID(),
          logger,
          ...(identity.authorization ? { authorization: identity.authorization } : {}),
          ...(identity.clientAddress ? { clientAddress: identity.clientAddress } : {}),
        },
      },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
    return response.body.singleResult as ExecutionResult;
  };

  const checkIdentity = async (identity: LiveIdentity): Promise<Viewer | GraphQLError> => {
    try {
      const viewer = await viewerFromAuthorization(identity.authorization, options.verify);
      return viewer ?? unauthenticated();
    } catch (caught) {
      // The shared code's GraphQLError is of the ES module copy of graphql: recognised by its shape.
      const code = (caught as { extensions?: { code?: unknown } } | null)?.extensions?.code;
      if (caught instanceof Error && typeof code === 'string') return error(caught.message, code);
      logger.warn({ err: caught }, 'a subscriber could not be checked');
      return error('Signed-in requests cannot be checked right now.', ErrorCode.SERVICE_UNAVAILABLE);
    }
  };

  /** May the viewer see what the subscription names? (The same query anyone would send.) */
  const allowed = async (identity: LiveIdentity, live: LiveOperation): Promise<boolean> => {
    if (live.field === 'orderUpdated') {
      const id = live.args['id'];
      if (typeof id !== 'string') return false;
      const result = await run(identity, 'query ($id: ID!) { order(id: $id) { id } }', { id });
      return Boolean((result.data as { order?: unknown } | null | undefined)?.order);
    }
    if (live.field === 'messageAdded' && live.args['conversationId'] != null) {
      const id = live.args['conversationId'];
      if (typeof id !== 'string') return false;
      const result = await run(identity, 'query ($id: ID!) { conversation(id: $id) { id } }', { id });
      return Boolean((result.data as { conversation?: unknown } | null | undefined)?.conversation);
    }
    return true;
  };

  const subscribe = (
    identity: LiveIdentity,
    viewer: Viewer,
    live: LiveOperation,
    variables: Record<string, unknown>,
    operationName: string | null | undefined,
  ) => {
    const pending: string[] = [];
    let working = false;
    let stopListening = () => {};
    let expiryTimer: NodeJS.Timeout | undefined;
    const channel = new Channel<ExecutionResult>(() => {
      stopListening();
      clearTimeout(expiryTimer);
      openSubscriptions.dec({ service: 'gateway' });
    });
    openSubscriptions.inc({ service: 'gateway' });
    const endWith = (problem: GraphQLError) => {
      channel.push({ errors: [problem] });
      channel.end();
    };
    const exp = identity.authorization ? expiryOf(identity.authorization) : null;
    if (exp !== null) {
      // setTimeout takes at most 2^31-1 ms; a token lives minutes.
      const ms = Math.min(Math.max(0, exp * 1000 - Date.now()), 2 ** 31 - 1);
      expiryTimer = setTimeout(
        () => endWith(unauthenticated('Your access token has expired: refresh the session and subscribe again.')),
        ms,
      );
      expiryTimer.unref();
    }
    const work = async () => {
      if (working) return;
      working = true;
      try {
        for (let id = pending.shift(); id !== undefined; id = pending.shift()) {
          const checked = await checkIdentity(identity);
          if (checked instanceof GraphQLError) return endWith(checked);
          const result = renamed(await run(identity, live.query, { ...variables, [LIVE_ID_VARIABLE]: id }, operationName), live);
          const data = result.data;
          // Not (or no longer) visible to this subscriber: nothing to push.
          if (!result.errors?.length && data && Object.values(data).every((v) => v === null)) continue;
          channel.push(result);
          if (channel.backlog > options.maxBacklog) {
            logger.warn({ field: live.field, backlog: channel.backlog }, 'subscriber too slow: dropping it');
            channel.return().catch(() => {});
            slow.add(channel);
            return;
          }
        }
      } catch (caught) {
        logger.error({ err: caught, field: live.field }, 'a live update could not be resolved');
        endWith(error('The live update could not be resolved.', ErrorCode.INTERNAL_SERVER_ERROR));
      } finally {
        working = false;
      }
    };
    stopListening = hub.listen((event) => {
      const id = matchEvent(live.field, live.args, viewer, event);
      if (id === null) return;
      pending.push(id);
      if (pending.length > options.maxBacklog) {
        logger.warn({ field: live.field, pending: pending.length }, 'subscriber too slow: dropping it');
        slow.add(channel);
        channel.return().catch(() => {});
        return;
      }
      void work();
    });
    return channel;
  };

  /** Channels dropped for being too slow: the transport closes their connection. */
  const slow = new WeakSet<object>();

  return {
    /** Was this subscription's iterator dropped because its client did not keep up? */
    wasDropped: (results: object) => slow.has(results),
    async prepare(identity: LiveIdentity, request: LiveRequest): Promise<Prepared> {
      const schema = options.schema();
      if (!schema) return { kind: 'refused', errors: [error('The gateway is starting.', ErrorCode.SERVICE_UNAVAILABLE)] };
      if (typeof request.query !== 'string') return { kind: 'refused', errors: [error('A query is required.', 'BAD_REQUEST')] };
      let document: DocumentNode;
      try {
        document = parse(request.query, { maxTokens: options.maxTokens });
      } catch (caught) {
        return { kind: 'refused', errors: [error(caught instanceof Error ? caught.message : 'Syntax error.', 'GRAPHQL_PARSE_FAILED')] };
      }
      const variables = request.variables ?? {};
      const invalid = validate(schema, document, [...specifiedRules, ...options.validationRules]);
      if (invalid.length) {
        return {
          kind: 'refused',
          errors: invalid.map((e) => new GraphQLError(e.message, { extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } })),
        };
      }
      const live = liveOperation(document, request.operationName, variables);
      if (!live) {
        return { kind: 'operation', document, run: () => run(identity, request.query, variables, request.operationName) };
      }
      const viewer = await checkIdentity(identity);
      if (viewer instanceof GraphQLError) return { kind: 'refused', errors: [viewer] };
      if (!(await allowed(identity, live))) {
        return { kind: 'refused', errors: [error('You may not follow this: only its participants may.', ErrorCode.FORBIDDEN)] };
      }
      return {
        kind: 'subscription',
        document,
        results: subscribe(identity, viewer, live, variables, request.operationName),
        field: live.field,
      };
    },
  };
}

export type LiveEngine = ReturnType<typeof createLiveEngine>;

import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { gatewayResponseCache } from '@gigmart/shared';
import type { RequestHandler, Response } from 'express';
import { OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';

/** What the cache knows of a request: whether its caller is signed in. */
interface CallerContext extends BaseContext {
  authorization?: string;
}

interface Kept {
  /** The answer as sent: `{"data":...}`. */
  body: string;
  storedAt: number;
}

/** The answer a request that went through is making, for the identical requests waiting on it. */
interface Making {
  key: string;
  generation: number;
  settle(body: string | null): void;
}

export interface AnonymousResponseCache<TContext extends BaseContext> {
  /** Before Apollo on POST /graphql (after the rate limit and the body parser): answers what it keeps. */
  middleware: RequestHandler;
  /** The Apollo plugin that marks anonymous queries cacheable and keeps their answers. */
  plugin: ApolloServerPlugin<TContext>;
  /** Forget every kept answer: something a visitor sees may have changed. */
  clear(): void;
  /**
   * An answer made for a request outside Apollo (pass-through.ts), with the request's parsed body:
   * kept and handed to the identical requests waiting, as the plugin does for Apollo's answers.
   */
  offer(body: unknown, answer: string): void;
  /**
   * A request outside Apollo that is a mutation (pass-through.ts), with its parsed body: identical
   * requests waiting on it go through now, and nothing is kept for it.
   */
  release(body: unknown): void;
  /** Answers kept now (tests). */
  readonly size: number;
}

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/** The JSON media types Apollo Server answers a query with, in its order of preference. */
const JSON_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];

/** The media type Apollo Server would answer with (none: it answers 406 itself). */
export function mediaTypeFor(accept: string | undefined): string | undefined {
  return accept ? new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES) : JSON_TYPES[0];
}

/** One key for the middleware (from the parsed body) and the plugin (from Apollo's request): the same three values. */
const keyOf = (query: string, operationName: unknown, variables: unknown) =>
  JSON.stringify([query, operationName ?? null, variables ?? null]);

/**
 * A short-lived cache of whole answers to anonymous queries, in this gateway process.
 *
 * What is kept: the answer to a query (never a mutation) sent without an access token, when it has
 * no error, for `seconds`. Everything an anonymous visitor can read is public (the catalogue,
 * sellers' public profiles, reviews, facets), and the same for every visitor, so one answer serves
 * them all: the key is the operation's text, its name and its variables. A visitor asking again
 * gets the kept bytes before Apollo runs at all (no parsing, planning, subgraph calls or merging),
 * after the CORS check, the rate limit and the body limit, which every request passes. Answers go
 * out with `Cache-Control: max-age=<seconds>, public`, so a CDN in front may keep them as long.
 *
 * What is never kept: anything asked with a token. A signed-in member always reads through, so
 * nobody reads an older state after their own write, whichever instance their write went to.
 *
 * Identical requests at the same time are made once: while one goes through, the others wait for
 * its answer, or, when the kept answer has just expired, get that one (stale while the new one is
 * made, at most `seconds` more). So an expiry costs one request per key, not a burst.
 *
 * How it is forgotten early (`clear`): a mutation through this process clears it when it is done,
 * and so does every live event this process hears (an order, a review, a message: app.ts). Nothing
 * stale is then served, and an answer that was being made meanwhile is not kept, since it may
 * predate the change. Other instances' mutations are not heard: their effect shows within `seconds`.
 */
export function anonymousResponseCache<TContext extends CallerContext>(options: {
  seconds: number;
  maxBytes: number;
  now?: () => number;
}): AnonymousResponseCache<TContext> {
  const now = options.now ?? Date.now;
  const freshMs = options.seconds * 1000;
  const cacheControl = `max-age=${options.seconds}, public`;
  // Kept twice as long as fresh: the second half only serves while a new answer is being made.
  const store = new LRUCache<string, Kept>({
    maxSize: options.maxBytes,
    sizeCalculation: (kept, key) => (kept.body.length + key.length) * 2 + 64,
    ttl: freshMs * 2,
    noDeleteOnStaleGet: true,
  });
  const waiting = new Map<string, Promise<string | null>>();
  /** The request body object (Apollo's `request.http.body` is the same object) of each request going through. */
  const making = new WeakMap<object, Making>();
  /** Bumped on each clear: an answer begun under an older generation is not kept. */
  let generation = 0;

  const send = (res: Response, kept: Kept, mediaType: string) => {
    res.status(200);
    res.setHeader('content-type', mediaType);
    res.setHeader('cache-control', cacheControl);
    res.setHeader('age', String(Math.max(0, Math.floor((now() - kept.storedAt) / 1000))));
    res.end(kept.body);
  };

  const middleware: RequestHandler = (req, res, next) => {
    const body = req.body as GraphQLBody | undefined;
    if (req.headers.authorization || !body || typeof body !== 'object' || typeof body.query !== 'string') return next();
    const mediaType = mediaTypeFor(req.headers.accept);
    if (!mediaType) return next();
    const key = keyOf(body.query, body.operationName, body.variables);
    const kept = store.get(key, { allowStale: true });
    if (kept && now() - kept.storedAt < freshMs) {
      gatewayResponseCache.inc({ outcome: 'hit' });
      return send(res, kept, mediaType);
    }
    const made = waiting.get(key);
    if (made) {
      gatewayResponseCache.inc({ outcome: kept ? 'stale' : 'joined' });
      if (kept) return send(res, kept, mediaType);
      made.then(
        (answer) => (answer === null ? next() : send(res, { body: answer, storedAt: now() }, mediaType)),
        () => next(),
      );
      return;
    }
    gatewayResponseCache.inc({ outcome: 'miss' });
    let settled = false;
    let settleWaiting!: (answer: string | null) => void;
    waiting.set(key, new Promise<string | null>((resolve) => (settleWaiting = resolve)));
    const settle = (answer: string | null) => {
      if (settled) return;
      settled = true;
      waiting.delete(key);
      settleWaiting(answer);
    };
    making.set(body, { key, generation, settle });
    // An answer that never reached the plugin (refused before Apollo ran, client gone) releases the others.
    res.once('close', () => settle(null));
    next();
  };

  /** The request's entry, if the middleware let it through to make an answer; forgotten once taken. */
  const takeMaking = (rc: GraphQLRequestContext<TContext>): Making | undefined => {
    const httpBody = rc.request.http?.body;
    if (!httpBody || typeof httpBody !== 'object') return undefined;
    const entry = making.get(httpBody);
    making.delete(httpBody);
    return entry;
  };
  const isAnonymousQuery = (rc: GraphQLRequestContext<TContext>) =>
    rc.operation?.operation === OperationTypeNode.QUERY && !rc.contextValue.authorization;
  const clear = () => {
    generation += 1;
    store.clear();
  };

  const plugin: ApolloServerPlugin<TContext> = {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (rc) => {
          // The subgraphs send no cache hints (datasource.ts does not read them): the gateway decides.
          if (isAnonymousQuery(rc)) rc.overallCachePolicy.replace({ maxAge: options.seconds, scope: 'PUBLIC' });
          // A mutation is never kept: identical ones waiting for it go through now, not after it.
          else takeMaking(rc)?.settle(null);
          return Promise.resolve();
        },
        willSendResponse: (rc) => {
          if (rc.operation?.operation === OperationTypeNode.MUTATION) clear();
          const entry = takeMaking(rc);
          if (!entry) return Promise.resolve();
          const result = rc.response.body.kind === 'single' ? rc.response.body.singleResult : null;
          const keep = isAnonymousQuery(rc) && result?.data && !result.errors && entry.generation === generation;
          if (!keep) {
            entry.settle(null);
            return Promise.resolve();
          }
          const answer = JSON.stringify({ data: result.data });
          store.set(entry.key, { body: answer, storedAt: now() });
          entry.settle(answer);
          return Promise.resolve();
        },
      }),
  };

  const offer = (body: unknown, answer: string) => {
    if (!body || typeof body !== 'object') return;
    const entry = making.get(body);
    if (!entry) return;
    making.delete(body);
    if (entry.generation !== generation) return entry.settle(null);
    store.set(entry.key, { body: answer, storedAt: now() });
    entry.settle(answer);
  };

  const release = (body: unknown) => {
    if (!body || typeof body !== 'object') return;
    making.get(body)?.settle(null);
    making.delete(body);
  };

  return {
    middleware,
    plugin,
    clear,
    offer,
    release,
    get size() {
      return store.size;
    },
  };
}

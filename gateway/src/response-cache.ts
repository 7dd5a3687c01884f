import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { OperationTypeNode } from 'graphql';

/** What the cache knows of a request: whether its caller is signed in. */
interface CallerContext extends BaseContext {
  authorization?: string;
}

export interface AnonymousResponseCache<TContext extends BaseContext> {
  /** The plugins to give Apollo Server: the policy (which answers may be kept) and the cache itself. */
  plugins: ApolloServerPlugin<TContext>[];
  /** Forget every kept answer: something a visitor sees may have changed. */
  clear(): void;
  /** Answers kept now (tests). */
  readonly size: number;
}

/**
 * A short-lived cache of whole answers to anonymous queries, in this gateway process.
 *
 * What is kept: the answer to a query (never a mutation) sent without an access token, when it has
 * no error, for `seconds`. Everything an anonymous visitor can read is public (the catalogue,
 * sellers' public profiles, reviews, facets), and the same for every visitor, so one answer serves
 * them all: the key is the operation's text, its name and its variables. A visitor asking again
 * within `seconds` gets it without planning, subgraph calls or merging. It is sent with
 * `Cache-Control: max-age=<seconds>, public`, so a CDN in front may keep it as long.
 *
 * What is never kept: anything asked with a token. A signed-in member always reads through, so
 * nobody reads an older state after their own write, whichever instance their write went to.
 *
 * How it is forgotten early (`clear`): a mutation through this process clears it when it is done,
 * and so does every live event this process hears (an order, a review, a message: app.ts). An
 * answer that was being made while one of these happened is not kept, since it may predate it.
 * Other instances' mutations are not heard: their effect shows within `seconds`, as it would
 * through a CDN.
 */
export function anonymousResponseCache<TContext extends CallerContext>(options: {
  seconds: number;
  maxBytes: number;
}): AnonymousResponseCache<TContext> {
  const store = new InMemoryLRUCache<string>({ maxSize: options.maxBytes, sizeCalculation: (value) => value.length * 2 + 64 });
  /** Bumped on each clear: an answer begun under an older generation is not kept. */
  let generation = 0;
  const begunUnder = new WeakMap<object, number>();
  const isAnonymousQuery = (rc: GraphQLRequestContext<TContext>) =>
    rc.operation?.operation === OperationTypeNode.QUERY && !rc.contextValue.authorization;
  const clear = () => {
    generation += 1;
    store.clear();
  };

  const policy: ApolloServerPlugin<TContext> = {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (rc) => {
          // The subgraphs send no cache hints (datasource.ts does not read them): the gateway decides.
          if (isAnonymousQuery(rc)) rc.overallCachePolicy.replace({ maxAge: options.seconds, scope: 'PUBLIC' });
          return Promise.resolve();
        },
        willSendResponse: (rc) => {
          if (rc.operation?.operation === OperationTypeNode.MUTATION) clear();
          return Promise.resolve();
        },
      }),
  };
  const cache = responseCachePlugin<TContext>({
    cache: store,
    shouldReadFromCache: (rc) => {
      begunUnder.set(rc.request, generation);
      return Promise.resolve(isAnonymousQuery(rc));
    },
    shouldWriteToCache: (rc) => Promise.resolve(isAnonymousQuery(rc) && begunUnder.get(rc.request) === generation),
  });
  return {
    plugins: [policy, cache],
    clear,
    get size() {
      return store.keys().length;
    },
  };
}

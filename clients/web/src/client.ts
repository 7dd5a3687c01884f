import { Client, cacheExchange, fetchExchange, subscriptionExchange, type CombinedError, type ExecutionResult } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { auth } from './auth';
import { graphql } from './gql';

/** Same origin by default: the dev server and server.mjs proxy /graphql to the gateway (WebSocket upgrades too). */
const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL ?? '/graphql';

/** The same address over WebSocket: ws://host/graphql for http, wss:// for https. */
function webSocketUrl(): string {
  const url = new URL(GRAPHQL_URL, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

const RefreshSession = graphql(`
  mutation RefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) {
      session {
        accessToken
        accessTokenExpiresAt
        refreshToken
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export function hasErrorCode(error: CombinedError | undefined, code: string): boolean {
  return error?.graphQLErrors.some((e) => e.extensions['code'] === code) ?? false;
}

/** Sends the refresh mutation only (no auth, no cache): shared by HTTP and WebSocket. */
const refreshClient = new Client({ url: GRAPHQL_URL, preferGetMethod: false, exchanges: [fetchExchange] });
let refreshing: Promise<void> | null = null;

/**
 * Trades the refresh token for new tokens, once at a time: the refresh token is single use (a reuse
 * ends the session), so HTTP operations and live updates that find the token expired together wait
 * for the same refresh.
 */
export function refreshSession(): Promise<void> {
  refreshing ??= (async () => {
    const refreshToken = auth.refreshToken();
    if (!refreshToken) return;
    const result = await refreshClient.mutation(RefreshSession, { input: { refreshToken } }).toPromise();
    const session = result.data?.refreshSession.session;
    if (session) {
      auth.store(session);
    } else if (result.data) {
      // The refresh token was refused (expired, revoked, or reused): the session is over.
      auth.signOut();
    }
    // A network error keeps the tokens: the next operation will try again.
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

const needsRefresh = (): boolean => auth.refreshToken() !== null && (auth.accessToken() === null || auth.accessTokenExpiring());

const isUnauthenticated = (result: ExecutionResult): boolean =>
  result.errors?.some((e) => 'extensions' in e && e.extensions?.['code'] === 'UNAUTHENTICATED') ?? false;

/** Close code that makes graphql-ws connect again at once (a non-fatal application code). */
const CLOSE_RECONNECT = 4205;

/**
 * The WebSocket connection for subscriptions (graphql-ws). It connects when the first subscription
 * starts and closes shortly after the last one ends; it reconnects after a drop (every active
 * subscription is sent again) and sends the current access token in `connection_init` each time.
 */
function createLiveConnection() {
  let socket: WebSocket | null = null;
  /** The token the open connection was authenticated with. */
  let connectedToken: string | null = null;
  /** Set when the client closes the connection itself to reconnect with a new token. */
  let reconnectNow = false;
  const ws: WsClient = createWsClient({
    url: webSocketUrl(),
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    keepAlive: 20_000,
    // After a deliberate close (a refreshed token), connect again at once; after a drop, back off:
    // 1 s, 2 s, 4 s... up to 30 s, plus up to 1 s at random so that clients do not all come back together.
    async retryWait(retries) {
      if (reconnectNow) {
        reconnectNow = false;
        return;
      }
      const ms = Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000;
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    async connectionParams() {
      if (needsRefresh()) await refreshSession();
      connectedToken = auth.accessToken();
      return connectedToken ? { Authorization: `Bearer ${connectedToken}` } : {};
    },
    on: {
      connected: (s) => {
        socket = s as WebSocket;
      },
      closed: () => {
        socket = null;
      },
    },
  });

  /** Connects again with the current token, unless the connection already carries it. */
  function reconnectWithCurrentToken(): void {
    if (socket && socket.readyState === WebSocket.OPEN && connectedToken !== auth.accessToken()) {
      reconnectNow = true;
      socket.close(CLOSE_RECONNECT, 'Session refreshed');
    }
  }

  /**
   * One subscription for urql. The gateway ends a subscription with UNAUTHENTICATED when the access
   * token expires: the session is then refreshed, the connection re-opened with the new token and the
   * subscription sent again, without the page noticing. Without a session the error goes to the page.
   */
  function subscribe(request: {
    query?: string | undefined;
    variables?: Record<string, unknown> | undefined;
    operationName?: string | undefined;
  }) {
    return {
      subscribe(sink: { next(value: ExecutionResult): void; error(error: unknown): void; complete(): void }) {
        let stop: (() => void) | null = null;
        let ended = false;
        const start = () => {
          let retrying = false;
          stop = ws.subscribe(
            { query: request.query ?? '', variables: request.variables ?? {}, operationName: request.operationName ?? null },
            {
              next(value) {
                if (isUnauthenticated(value as ExecutionResult) && auth.refreshToken() !== null) {
                  retrying = true;
                  void refreshSession().then(() => {
                    if (ended) return;
                    if (auth.accessToken() === null) {
                      sink.next(value as ExecutionResult);
                      sink.complete();
                      return;
                    }
                    reconnectWithCurrentToken();
                    start();
                  });
                  return;
                }
                sink.next(value as ExecutionResult);
              },
              error: (error) => sink.error(error),
              complete: () => {
                if (!retrying) sink.complete();
              },
            },
          );
        };
        start();
        return {
          unsubscribe() {
            ended = true;
            stop?.();
          },
        };
      },
    };
  }

  return { subscribe, dispose: () => void ws.dispose() };
}

/** The live connection of the current client; replaced (and the old one closed) with the client. */
let currentLive: ReturnType<typeof createLiveConnection> | null = null;

export function createClient(): Client {
  currentLive?.dispose();
  const live = createLiveConnection();
  currentLive = live;
  return new Client({
    url: GRAPHQL_URL,
    // Always POST with a JSON body: the gateway's CSRF protection refuses GET queries that carry
    // neither a JSON content type nor an apollo-require-preflight header.
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      authExchange((utils) =>
        Promise.resolve({
          addAuthToOperation(operation) {
            const token = auth.accessToken();
            return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
          },
          // Refresh before sending when the access token is about to expire, or when the page was
          // reloaded (the access token was in memory only) but the tab still holds a refresh token.
          willAuthError: needsRefresh,
          // UNAUTHENTICATED on an operation: refresh once, then the exchange retries the operation.
          didAuthError(error) {
            return auth.refreshToken() !== null && hasErrorCode(error, 'UNAUTHENTICATED');
          },
          refreshAuth: refreshSession,
        }),
      ),
      // Subscriptions go over the WebSocket (the token is in connection_init); the rest over HTTP.
      subscriptionExchange({ forwardSubscription: (request) => live.subscribe(request) }),
      fetchExchange,
    ],
  });
}

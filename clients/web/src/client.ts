import { Client, cacheExchange, fetchExchange, type CombinedError } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { auth } from './auth';
import { graphql } from './gql';

/** Same origin by default: the dev server and server.mjs proxy /graphql to the gateway. */
const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL ?? '/graphql';

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

export function createClient(): Client {
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
          willAuthError() {
            return auth.refreshToken() !== null && (auth.accessToken() === null || auth.accessTokenExpiring());
          },
          // UNAUTHENTICATED on an operation: refresh once, then the exchange retries the operation.
          didAuthError(error) {
            return auth.refreshToken() !== null && hasErrorCode(error, 'UNAUTHENTICATED');
          },
          async refreshAuth() {
            const refreshToken = auth.refreshToken();
            if (!refreshToken) return;
            const result = await utils.mutate(RefreshSession, { input: { refreshToken } });
            const session = result.data?.refreshSession.session;
            if (session) {
              auth.store(session);
            } else if (result.data) {
              // The refresh token was refused (expired, revoked, or reused): the session is over.
              auth.signOut();
            }
            // A network error keeps the tokens: the next operation will try again.
          },
        }),
      ),
      fetchExchange,
    ],
  });
}

import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '../errors.js';
import { viewerFromAuthorization, type AccessTokenVerifier } from './access-token.js';
import type { Viewer } from './viewer.js';
import { GraphQLError } from 'graphql';

/**
 * The caller's bearer token, checked while the request context is built (before Apollo parses or
 * plans anything), by the gateway and by every subgraph alike: the gateway's check is a gate, not
 * a grant, and each subgraph verifies the forwarded token again. No Authorization header is an
 * anonymous caller; a bad or expired token is HTTP 401 UNAUTHENTICATED with `WWW-Authenticate`;
 * keys that cannot be fetched are 503 SERVICE_UNAVAILABLE (the token may be fine: retry).
 */
export async function authenticate(authorization: string | undefined, verify: AccessTokenVerifier): Promise<Viewer | null> {
  try {
    return await viewerFromAuthorization(authorization, verify);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === ErrorCode.UNAUTHENTICATED) {
      throw new GraphQLError(error.message, {
        extensions: {
          code: ErrorCode.UNAUTHENTICATED,
          http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]) },
        },
      });
    }
    // The users service's keys could not be fetched: the token may be fine, the caller can retry.
    throw new GraphQLError('Signed-in requests cannot be checked right now: the users service is unavailable.', {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: 'users', http: { status: 503 } },
      originalError: error instanceof Error ? error : undefined,
    });
  }
}

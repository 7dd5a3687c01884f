import { HeaderMap } from '@apollo/server';
import { ErrorCode, viewerFromAuthorization, type AccessTokenVerifier, type Viewer } from '@gigmart/shared';
import { GraphQLError } from 'graphql';

/**
 * Checks the caller's bearer token before Apollo parses or plans anything, so a bad token costs
 * the subgraphs nothing. The subgraphs verify the forwarded token again themselves: the gateway's
 * check is a gate, not a grant. No Authorization header is an anonymous caller.
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

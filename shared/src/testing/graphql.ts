import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }>;
}

export interface RequestOptions {
  /** An access token, sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  headers?: Record<string, string>;
}

/**
 * The one way tests send GraphQL: `gql(query, variables, { token })`, over real HTTP, as a client
 * would. `query` is a string, or a typed document from codegen (then data and variables are typed).
 */
export type Gql = <TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  query: string | DocumentNode | TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  options?: RequestOptions,
) => Promise<GraphQLResponse<TData>>;

export function graphqlClient(url: string): Gql {
  return (query, variables, options) => graphqlRequest(url, query, variables ?? {}, options);
}

/** A single request to `url` (see `graphqlClient`). */
export async function graphqlRequest<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  url: string,
  query: string | DocumentNode | TypedDocumentNode<TData, TVariables>,
  variables: TVariables | Record<string, never> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
  });
  const text = await response.text();
  let body: { data?: TData | null; errors?: GraphQLResponse['errors'] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, ...body };
}

/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the gateway's GraphQL endpoint is; same origin (/graphql) when unset. */
  readonly VITE_GRAPHQL_URL?: string;
}

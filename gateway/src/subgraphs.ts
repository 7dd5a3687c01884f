import type { GatewayConfig } from './config.js';

export interface SubgraphEndpoint {
  name: string;
  /** The service's base URL (health, readiness). */
  baseUrl: string;
  /** Its GraphQL endpoint. */
  url: string;
}

/** The subgraphs' URL settings. */
export type SubgraphUrls = Pick<GatewayConfig, 'USERS_URL' | 'GIGS_URL' | 'ORDERS_URL' | 'INBOX_URL' | 'MEDIA_URL'>;

export function subgraphEndpoints(config: SubgraphUrls): SubgraphEndpoint[] {
  return [
    ['users', config.USERS_URL],
    ['gigs', config.GIGS_URL],
    ['orders', config.ORDERS_URL],
    ['inbox', config.INBOX_URL],
    ['media', config.MEDIA_URL],
  ].map(([name, baseUrl]) => ({ name: name!, baseUrl: baseUrl!, url: new URL('/graphql', baseUrl).toString() }));
}

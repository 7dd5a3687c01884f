import { callInternal } from '../auth/service-token.js';

/**
 * What the orders service reads from the gigs service when an order is placed, over the internal
 * endpoint `POST {GIGS_URL}/internal/gigs/lookup` (service credential required, not reachable
 * through the gateway). Body: `{ "ids": string[] }`; answer: `{ "gigs": GigSnapshot[] }` with the
 * gigs as they are now, whatever their status (unknown ids left out). No caching: an order must
 * be placed at the current price.
 */
export const GIG_LOOKUP_ROUTE = '/internal/gigs/lookup';

export type PackageTier = 'BASIC' | 'STANDARD' | 'PREMIUM';
export type GigStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'ARCHIVED';

export interface GigPackageSnapshot {
  tier: PackageTier;
  name: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  /** null: unlimited. */
  revisions: number | null;
  features: string[];
}

export interface GigRequirementSnapshot {
  id: string;
  question: string;
  required: boolean;
}

export type GigExtraKind = 'EXTRA_FAST_DELIVERY' | 'ADDITIONAL_REVISION' | 'CUSTOM';

/** A gig extra as it is now (see GigExtra in the gigs subgraph). */
export interface GigExtraSnapshot {
  id: string;
  kind: GigExtraKind;
  title: string;
  description: string | null;
  priceCents: number;
  days: number;
}

export interface GigSnapshot {
  id: string;
  slug: string;
  title: string;
  status: GigStatus;
  sellerId: string;
  categoryId: string;
  packages: GigPackageSnapshot[];
  requirements: GigRequirementSnapshot[];
  /** Absent from a gigs service older than extras: none. */
  extras?: GigExtraSnapshot[];
}

export interface GigLookupRequest {
  ids: string[];
}

export interface GigLookupResponse {
  gigs: GigSnapshot[];
}

export async function lookupGigs(
  gigsUrl: string,
  ids: string[],
  options: { serviceToken: string; requestId?: string },
): Promise<GigSnapshot[]> {
  const { gigs } = await callInternal<GigLookupResponse>(gigsUrl, GIG_LOOKUP_ROUTE, { ids } satisfies GigLookupRequest, {
    token: options.serviceToken,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
  return gigs;
}

import { isAdmin, type Viewer } from '@gigmart/shared';
import type { GigStatus } from '../../generated/resolvers.js';

export interface GigOwnership {
  status: GigStatus;
  sellerId: unknown;
}

export function isGigSeller(gig: GigOwnership, viewer: Viewer | null | undefined): boolean {
  return Boolean(viewer && String(gig.sellerId) === viewer.id);
}

/**
 * Who may see a gig by id (gig, gigBySlug, federation references, saved lists):
 * ACTIVE and PAUSED: everyone; DRAFT: its seller; ARCHIVED: its seller and admins.
 */
export function canViewGig(gig: GigOwnership, viewer: Viewer | null | undefined): boolean {
  switch (gig.status) {
    case 'ACTIVE':
    case 'PAUSED':
      return true;
    case 'DRAFT':
      return isGigSeller(gig, viewer);
    case 'ARCHIVED':
      return isGigSeller(gig, viewer) || isAdmin(viewer);
  }
}

/**
 * Who may see a gig reached through a federation reference: an order's or a review's gig. The
 * referring entity is already visible to the viewer (the orders subgraph decides that), orders and
 * reviews exist only for gigs that were once ACTIVE, and `Order.gig` / `Review.gig` are null only
 * while this service is down: archiving a gig must not break its buyers' orders or its public reviews. A DRAFT gig was never
 * orderable, so a reference to one stays private to its seller.
 */
export function canViewReferencedGig(gig: GigOwnership, viewer: Viewer | null | undefined): boolean {
  return gig.status !== 'DRAFT' || isGigSeller(gig, viewer);
}

/** The statuses of a member's gigs others may list (User.gigs); the member lists all. */
export function listableStatuses(sellerId: string, viewer: Viewer | null | undefined): GigStatus[] {
  if (viewer?.id === sellerId) return ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'];
  return ['ACTIVE', 'PAUSED'];
}

/** Who may change a gig's content or pause/publish it; archive also allows admins. */
export function canEditGig(gig: GigOwnership, viewer: Viewer | null | undefined): boolean {
  return isGigSeller(gig, viewer);
}

export function canArchiveGig(gig: GigOwnership, viewer: Viewer | null | undefined): boolean {
  return isGigSeller(gig, viewer) || isAdmin(viewer);
}

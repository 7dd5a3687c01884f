import { money, withUserErrors } from '@gigmart/shared';
import type { Resolvers } from '../../generated/resolvers.js';
import { imagesOf } from './rules.js';
import {
  archiveGig,
  categoryOfGig,
  createGig,
  findGigBySlug,
  findReferencedGig,
  findVisibleGig,
  gigsOfUser,
  pauseGig,
  publishGig,
  updateGig,
} from './service.js';

export const gigResolvers: Resolvers = {
  Query: {
    gig: (_, { id }, ctx) => findVisibleGig(ctx, id),
    gigBySlug: (_, { slug }, ctx) => findGigBySlug(ctx, slug),
  },
  Mutation: {
    createGig: (_, { input }, ctx) => withUserErrors('gig', () => createGig(ctx, input)),
    updateGig: (_, { input }, ctx) => withUserErrors('gig', () => updateGig(ctx, input)),
    publishGig: (_, { input }, ctx) => withUserErrors('gig', () => publishGig(ctx, input)),
    pauseGig: (_, { input }, ctx) => withUserErrors('gig', () => pauseGig(ctx, input)),
    archiveGig: (_, { input }, ctx) => withUserErrors('gig', () => archiveGig(ctx, input)),
  },
  Gig: {
    // Batched: a page of orders asking for their gigs is one query; the same visibility rules apply.
    __resolveReference: (ref, ctx) => findReferencedGig(ctx, ref.id),
    id: (gig) => String(gig._id),
    seller: (gig) => ({ id: String(gig.sellerId) }),
    category: (gig, _, ctx) => categoryOfGig(ctx, gig),
    startingPrice: (gig) => money(gig.startingPriceCents),
    extras: (gig) => gig.extras ?? [],
    images: (gig) => imagesOf(gig),
    // References: the media subgraph resolves each (gallery images are public once READY).
    gallery: (gig) => (gig.gallery ?? []).map((image) => ({ id: image.fileId })),
  },
  GigPackage: {
    price: (pkg) => money(pkg.priceCents),
    revisions: (pkg) => pkg.revisions ?? null,
  },
  GigExtra: {
    id: (extra) => String(extra._id),
    price: (extra) => money(extra.priceCents),
    description: (extra) => extra.description ?? null,
  },
  GigRequirement: {
    id: (requirement) => String(requirement._id),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    gigs: (user, args, ctx) => gigsOfUser(ctx, { ...args, userId: user.id }),
  },
};

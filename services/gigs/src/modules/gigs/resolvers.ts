import { emptyConnection, findPage, isObjectId, money, pageSize, withUserErrors, type Connection, type GigStatus } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { GigsContext } from '../../context.js';
import type { GigDoc } from './model.js';
import { changeGigStatus, createGig, findReferencedGig, findVisibleGig, updateGig, type CreateGigInput, type UpdateGigInput } from './service.js';
import { canViewGig, listableStatuses } from './visibility.js';

type Package = GigDoc['packages'][number];

export const USER_GIGS_SORT = { name: 'USER_GIGS', keys: [{ field: 'createdAt', direction: -1 as const }] };


/** User.gigs: newest first; others see ACTIVE and PAUSED ones, the member all of theirs. */
async function gigsOfUser(
  user: { id: string },
  args: { status?: GigStatus | null; first?: number | null; after?: string | null },
  ctx: GigsContext,
): Promise<Connection<GigDoc>> {
  pageSize(args.first);
  if (!isObjectId(user.id)) return emptyConnection<GigDoc>();
  const allowed = listableStatuses(user.id, ctx.viewer);
  const statuses = args.status ? allowed.filter((s) => s === args.status) : allowed;
  if (!statuses.length) return emptyConnection<GigDoc>();
  return findPage(ctx.models.Gig, {
    filter: { sellerId: new Types.ObjectId(user.id), status: { $in: statuses } },
    sort: USER_GIGS_SORT,
    first: args.first,
    after: args.after,
  });
}

export const gigResolvers = {
  Query: {
    gig: (_: unknown, args: { id: string }, ctx: GigsContext) => findVisibleGig(ctx, args.id),
    gigBySlug: async (_: unknown, args: { slug: string }, ctx: GigsContext) => {
      const gig = await ctx.models.Gig.findOne({ slug: args.slug }).lean<GigDoc>().exec();
      return gig && canViewGig({ status: gig.status as GigStatus, sellerId: gig.sellerId }, ctx.viewer) ? gig : null;
    },
  },
  Mutation: {
    createGig: (_: unknown, args: { input: CreateGigInput }, ctx: GigsContext) => withUserErrors('gig', () => createGig(ctx, args.input)),
    updateGig: (_: unknown, args: { input: UpdateGigInput }, ctx: GigsContext) => withUserErrors('gig', () => updateGig(ctx, args.input)),
    publishGig: (_: unknown, args: { input: { id: string } }, ctx: GigsContext) =>
      withUserErrors('gig', () => changeGigStatus(ctx, args.input.id, 'publish')),
    pauseGig: (_: unknown, args: { input: { id: string } }, ctx: GigsContext) =>
      withUserErrors('gig', () => changeGigStatus(ctx, args.input.id, 'pause')),
    archiveGig: (_: unknown, args: { input: { id: string } }, ctx: GigsContext) =>
      withUserErrors('gig', () => changeGigStatus(ctx, args.input.id, 'archive')),
  },
  Gig: {
    // Batched: a page of orders asking for their gigs is one query; the same visibility rules apply.
    __resolveReference: (ref: { id: string }, ctx: GigsContext) => findReferencedGig(ctx, ref.id),
    id: (gig: GigDoc) => String(gig._id),
    seller: (gig: GigDoc) => ({ __typename: 'User', id: String(gig.sellerId) }),
    category: (gig: GigDoc, _: unknown, ctx: GigsContext) => ctx.categories.byId(String(gig.categoryId)),
    startingPrice: (gig: GigDoc) => money(gig.startingPriceCents),
  },
  GigPackage: {
    price: (pkg: Package) => money(pkg.priceCents),
    revisions: (pkg: Package) => pkg.revisions ?? null,
  },
  GigRequirement: {
    id: (requirement: { _id: unknown }) => String(requirement._id),
  },
  User: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    gigs: gigsOfUser,
  },
};

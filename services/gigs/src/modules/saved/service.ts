import { emptyConnection, failWith, findPage, isDuplicateKey, isObjectId, pageSize, requireMember, type SortSpec } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { GigsContext } from '../../context.js';
import type { GigIdInput, GigStatus, UserSavedGigsArgs } from '../../generated/resolvers.js';
import { findVisibleGig, type GigDoc, type GigPage } from '../gigs/index.js';
import type { SavedGigDoc } from './model.js';

export const SAVED_SORT: SortSpec = { name: 'SAVED', keys: [{ field: 'createdAt', direction: -1 }] };

/** Statuses a saved gig is listed in: the ones anybody may see by id. */
const LISTED: GigStatus[] = ['ACTIVE', 'PAUSED'];

async function visibleGigOrFail(ctx: GigsContext, id: string): Promise<GigDoc> {
  const gig = await findVisibleGig(ctx, id);
  if (!gig) failWith(['input', 'id'], 'There is no such gig.', 'NOT_FOUND');
  return gig;
}

/** Idempotent: saving a saved gig changes nothing (the unique index holds one row per member and gig). */
export async function saveGig(ctx: GigsContext, input: GigIdInput): Promise<GigDoc> {
  const { viewer } = await requireMember(ctx);
  const gig = await visibleGigOrFail(ctx, input.id);
  try {
    await ctx.models.SavedGig.updateOne(
      { userId: new Types.ObjectId(viewer.id), gigId: gig._id },
      { $set: { gigStatus: gig.status }, $setOnInsert: { createdAt: ctx.clock() } },
      { upsert: true },
    ).exec();
  } catch (error) {
    // Two saves at once: the other one inserted the row.
    if (!isDuplicateKey(error)) throw error;
  }
  return gig;
}

export async function unsaveGig(ctx: GigsContext, input: GigIdInput): Promise<GigDoc> {
  const { viewer } = await requireMember(ctx);
  const gig = await visibleGigOrFail(ctx, input.id);
  await ctx.models.SavedGig.deleteOne({ userId: new Types.ObjectId(viewer.id), gigId: gig._id }).exec();
  return gig;
}

/**
 * The member's saved gigs, newest saved first: the page (and the count if asked) on savedgigs, then the gigs
 * of the page in one batched query.
 */
export async function savedGigsOf(ctx: GigsContext, { userId, first, after }: UserSavedGigsArgs & { userId: string }): Promise<GigPage> {
  pageSize(first);
  if (!isObjectId(userId) || ctx.viewer?.id !== userId) return emptyConnection<GigDoc>();
  const page = await findPage<SavedGigDoc>(ctx.models.SavedGig, {
    filter: { userId: new Types.ObjectId(userId), gigStatus: { $in: LISTED } },
    sort: SAVED_SORT,
    first,
    after,
  });
  const gigs = await ctx.loaders.gigById.loadMany(page.edges.map((edge) => String(edge.node.gigId)));
  const edges = page.edges.flatMap((edge, i) => {
    const gig = gigs[i];
    return gig && !(gig instanceof Error) ? [{ cursor: edge.cursor, node: gig }] : [];
  });
  return { ...page, edges };
}

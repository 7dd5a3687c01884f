import {
  attachFilesOrRefuse,
  detachFilesQuietly,
  emptyConnection,
  failWith,
  findPage,
  forbidden,
  isDuplicateKey,
  isObjectId,
  newId,
  pageSize,
  parseInput,
  requireMember,
  userError,
  UserErrorsException,
  type Connection,
  type SortSpec,
  type Viewer,
} from '@gigmart/shared';
import { Types } from 'mongoose';
import type { GigsContext } from '../../context.js';
import type { CreateGigInput, GigIdInput, UpdateGigInput, UserGigsArgs } from '../../generated/resolvers.js';
import type { CategoryDoc } from '../categories/index.js';
import type { GigDoc, GigExtraDoc, GigRequirementDoc } from './model.js';
import {
  canEditContent,
  galleryInput,
  galleryOf,
  derivedPricing,
  gigInputSchema,
  planTransition,
  publishProblems,
  transitionOf,
  type GigAction,
  type ExtraContent,
  type GigContent,
  type RequirementContent,
} from './rules.js';
import { MAX_SLUG_LENGTH, slugCandidates } from './slug.js';
import { canArchiveGig, canEditGig, canViewGig, canViewReferencedGig, listableStatuses } from './visibility.js';

/** A page of gigs (GigConnection). */
export type GigPage = Connection<GigDoc>;

/** A member as this subgraph knows them: a reference to the users subgraph's User. */
export interface UserRef {
  id: string;
}

export const USER_GIGS_SORT: SortSpec = { name: 'USER_GIGS', keys: [{ field: 'createdAt', direction: -1 }] };

/** The gig if the viewer may see it, else null (malformed and unknown ids too). */
export async function findVisibleGig(ctx: GigsContext, id: string): Promise<GigDoc | null> {
  if (!isObjectId(id)) return null;
  const gig = await ctx.loaders.gigById.load(id);
  return gig && canViewGig(gig, ctx.viewer) ? gig : null;
}

export async function findGigBySlug(ctx: GigsContext, slug: string): Promise<GigDoc | null> {
  if (slug.length > MAX_SLUG_LENGTH) return null;
  const gig = await ctx.models.Gig.findOne({ slug }).lean<GigDoc>().exec();
  return gig && canViewGig(gig, ctx.viewer) ? gig : null;
}

/** A gig reached through a reference from another subgraph (see canViewReferencedGig). */
export async function findReferencedGig(ctx: GigsContext, id: string): Promise<GigDoc | null> {
  if (!isObjectId(id)) return null;
  const gig = await ctx.loaders.gigById.load(id);
  return gig && canViewReferencedGig(gig, ctx.viewer) ? gig : null;
}

/** The gigs as they are now, any status; unknown and malformed ids left out. One query per call. */
export async function lookupGigs(ctx: GigsContext, ids: readonly string[]): Promise<GigDoc[]> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (!valid.length) return [];
  return ctx.models.Gig.find({ _id: { $in: valid } })
    .lean<GigDoc[]>()
    .exec();
}

/** A gig's category: categories are never removed, so a missing one is a broken invariant. */
export async function categoryOfGig(ctx: GigsContext, gig: GigDoc): Promise<CategoryDoc> {
  const category = await ctx.categories.byId(String(gig.categoryId));
  if (!category) throw new Error(`gig ${String(gig._id)} has an unknown category ${String(gig.categoryId)}`);
  return category;
}

/** User.gigs: newest first; others see ACTIVE and PAUSED ones, the member all of theirs. */
export async function gigsOfUser(ctx: GigsContext, { userId, status, first, after }: UserGigsArgs & { userId: string }): Promise<GigPage> {
  pageSize(first);
  if (!isObjectId(userId)) return emptyConnection<GigDoc>();
  const allowed = listableStatuses(userId, ctx.viewer);
  const statuses = status ? allowed.filter((s) => s === status) : allowed;
  if (!statuses.length) return emptyConnection<GigDoc>();
  return findPage(ctx.models.Gig, {
    filter: { sellerId: new Types.ObjectId(userId), status: { $in: statuses } },
    sort: USER_GIGS_SORT,
    first,
    after,
  });
}

/**
 * Seller rights come from the users service (through the batched, briefly cached member
 * directory), not from the token's roles: a member who became a seller a moment ago holds a token
 * issued before, and must be able to create a gig with it. A token of a member the directory does
 * not know (deleted, or signed elsewhere with a shared key) is UNAUTHENTICATED (`requireMember`).
 */
async function requireSeller(ctx: GigsContext): Promise<Viewer> {
  const { viewer, member } = await requireMember(ctx);
  if (!member.isSeller) throw forbidden('Only sellers can create gigs: become a seller first.');
  return viewer;
}

async function gigForChange(ctx: GigsContext, id: string): Promise<GigDoc> {
  const gig = await findVisibleGig(ctx, id);
  // A gig the caller may not see is reported as missing, so its existence does not leak.
  if (!gig) failWith(['input', 'id'], 'There is no such gig.', 'NOT_FOUND');
  return gig;
}

/** Stored fields that follow from the content: the starting price and the fastest delivery. */
function derivedFields(content: GigContent) {
  return derivedPricing(content.packages);
}

/** New requirement ids, except where a question is kept as it was: orders refer to them by id. */
function withRequirementIds(requirements: readonly RequirementContent[], previous: readonly GigRequirementDoc[] = []): GigRequirementDoc[] {
  const unused = [...previous];
  return requirements.map((r) => {
    const index = unused.findIndex((p) => p.question === r.question);
    const reused = index >= 0 ? unused.splice(index, 1)[0]!._id : newId();
    return { _id: reused, question: r.question, required: r.required };
  });
}

/**
 * The extras with their ids: an extra naming the id of one of the gig's current extras keeps it;
 * any other id is refused (NOT_FOUND on its path); an extra without one gets a new id.
 */
function withExtraIds(extras: readonly ExtraContent[], previous: readonly GigExtraDoc[] = []): GigExtraDoc[] {
  const known = new Set(previous.map((e) => String(e._id)));
  const unknown = extras.flatMap((e, i) =>
    e.id !== null && !known.has(e.id.toLowerCase())
      ? [userError(['input', 'extras', String(i), 'id'], 'This gig has no extra with this id.', 'NOT_FOUND')]
      : [],
  );
  if (unknown.length) throw new UserErrorsException(unknown);
  return extras.map(({ id, ...extra }) => ({ _id: id === null ? newId() : new Types.ObjectId(id.toLowerCase()), ...extra }));
}

export async function createGig(ctx: GigsContext, input: CreateGigInput): Promise<GigDoc> {
  const viewer = await requireSeller(ctx);
  const category = await ctx.categories.bySlug(input.categorySlug.trim());
  const content = parseInput(gigInputSchema({ unknownCategory: !category }), input);
  const { imageIds } = parseInput(galleryInput, { imageIds: input.imageIds });
  // parseInput refused an unknown slug already.
  const categoryId = category?._id ?? failWith(['input', 'categorySlug'], 'There is no such category.', 'NOT_FOUND');
  // The gallery's files are checked and attached to the gig-to-be before it names them.
  const _id = newId();
  const attachment = `gig:${String(_id)}`;
  const gallery = galleryOf(
    await attachFilesOrRefuse(
      ctx.media,
      { fileIds: imageIds ?? [], uploaderId: viewer.id, purpose: 'GIG_IMAGE', attachment, readers: [] },
      ['input', 'imageIds'],
      { requestId: ctx.requestId },
    ),
  );

  const base = {
    _id,
    gallery,
    ...content,
    requirements: withRequirementIds(content.requirements),
    extras: withExtraIds(content.extras),
    sellerId: new Types.ObjectId(viewer.id),
    categoryId,
    status: 'DRAFT' as const,
    ...derivedFields(content),
  };
  // The unique index decides between concurrent creators of the same slug.
  for (const slug of slugCandidates(content.title)) {
    try {
      const created = await ctx.models.Gig.create({ ...base, slug });
      return created.toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) {
        if (gallery.length) await detachFilesQuietly(ctx.media, { attachment }, ctx.logger);
        throw error;
      }
    }
  }
  throw new Error('could not find a free slug');
}

/**
 * Merges the given fields over the stored gig and checks the result as a whole. The slug stays as
 * it was made at creation: links to a gig must not break when its title is polished.
 */
export async function updateGig(ctx: GigsContext, input: UpdateGigInput): Promise<GigDoc> {
  const { viewer } = await requireMember(ctx);
  const gig = await gigForChange(ctx, input.id);
  if (!canEditGig(gig, viewer)) throw forbidden("Only the gig's seller can change it.");
  if (!canEditContent(gig.status)) failWith(['input', 'id'], 'An archived gig cannot be changed.', 'INVALID_STATE');

  // The given fields over the stored ones, checked as a whole.
  const category = input.categorySlug != null ? await ctx.categories.bySlug(input.categorySlug.trim()) : null;
  const content = parseInput(gigInputSchema({ unknownCategory: input.categorySlug != null && !category }), {
    title: input.title ?? gig.title,
    description: input.description ?? gig.description,
    tags: input.tags ?? gig.tags,
    images: input.images ?? gig.images,
    packages: input.packages ?? gig.packages,
    faqs: input.faqs ?? gig.faqs,
    requirements: input.requirements ?? gig.requirements,
    extras: input.extras ?? (gig.extras ?? []).map(({ _id, ...extra }) => ({ id: String(_id), ...extra })),
  });
  const categoryId = category?._id ?? gig.categoryId;
  // A list given replaces the gallery: its files attached (again) to the gig first, the others let go after.
  const { imageIds } = parseInput(galleryInput, { imageIds: input.imageIds });
  const attachment = `gig:${String(gig._id)}`;
  const gallery = imageIds
    ? galleryOf(
        await attachFilesOrRefuse(
          ctx.media,
          { fileIds: imageIds, uploaderId: viewer.id, purpose: 'GIG_IMAGE', attachment, readers: [] },
          ['input', 'imageIds'],
          { requestId: ctx.requestId },
        ),
      )
    : null;

  const requirements = input.requirements ? withRequirementIds(content.requirements, gig.requirements) : gig.requirements;
  const updated = await ctx.models.Gig.findOneAndUpdate(
    { _id: gig._id, status: { $ne: 'ARCHIVED' } },
    {
      $set: {
        ...content,
        ...(gallery ? { gallery } : {}),
        requirements,
        extras: withExtraIds(content.extras, gig.extras),
        categoryId,
        ...derivedFields(content),
      },
    },
    { returnDocument: 'after' },
  )
    .lean<GigDoc>()
    .exec();
  if (!updated) failWith(['input', 'id'], 'The gig was archived meanwhile.', 'INVALID_STATE');
  if (imageIds) await detachFilesQuietly(ctx.media, { attachment, keep: imageIds }, ctx.logger);
  ctx.loaders.gigById.clear(input.id).prime(input.id, updated);
  ctx.searchIndex.apply(updated, ctx.searchIndex.ticket());
  return updated;
}

const PAST: Record<GigAction, string> = { publish: 'published', pause: 'paused', archive: 'archived' };

/** publish / pause / archive: a single-document update guarded by the status it was read in. */
async function changeStatus(ctx: GigsContext, id: string, action: GigAction): Promise<GigDoc> {
  const { viewer } = await requireMember(ctx);
  const gig = await gigForChange(ctx, id);
  const allowed = action === 'archive' ? canArchiveGig(gig, viewer) : canEditGig(gig, viewer);
  if (!allowed)
    throw forbidden(action === 'archive' ? "Only the gig's seller or an admin can archive it." : "Only the gig's seller can do this.");

  const plan = planTransition(action, gig.status);
  if (plan === 'same') return gig;
  if (plan === 'refused')
    failWith(['input', 'id'], `This gig is ${gig.status.toLowerCase()} and cannot be ${PAST[action]}.`, 'INVALID_STATE');
  if (action === 'publish') {
    const category = await ctx.categories.byId(String(gig.categoryId));
    const problems = publishProblems({ packages: gig.packages, description: gig.description, categoryKnown: Boolean(category) });
    if (problems.length) throw new UserErrorsException(problems);
  }

  const to = transitionOf(action).to;
  const set: Partial<Pick<GigDoc, 'status' | 'publishedAt'>> = { status: to };
  if (to === 'ACTIVE' && !gig.publishedAt) set.publishedAt = ctx.clock();
  const updated = await ctx.models.Gig.findOneAndUpdate({ _id: gig._id, status: gig.status }, { $set: set }, { returnDocument: 'after' })
    .lean<GigDoc>()
    .exec();
  if (!updated) failWith(['input', 'id'], 'The gig changed meanwhile: try again.', 'INVALID_STATE');
  // Saved lists filter on a copy of the status (see modules/saved/model.ts).
  await ctx.models.SavedGig.updateMany({ gigId: gig._id }, { $set: { gigStatus: to } }).exec();
  ctx.loaders.gigById.clear(id).prime(id, updated);
  // This process's search index at once; other instances' with their next reconciliation.
  ctx.searchIndex.apply(updated, ctx.searchIndex.ticket());
  return updated;
}

/** DRAFT or PAUSED to ACTIVE, once the gig is complete. */
export function publishGig(ctx: GigsContext, input: GigIdInput): Promise<GigDoc> {
  return changeStatus(ctx, input.id, 'publish');
}

export function pauseGig(ctx: GigsContext, input: GigIdInput): Promise<GigDoc> {
  return changeStatus(ctx, input.id, 'pause');
}

export function archiveGig(ctx: GigsContext, input: GigIdInput): Promise<GigDoc> {
  return changeStatus(ctx, input.id, 'archive');
}

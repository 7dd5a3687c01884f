import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { GigExtraKind, GigStatus, PackageTier } from '../../generated/resolvers.js';

/**
 * A gig with its packages, FAQs and requirements embedded (always read together, bounded in size),
 * plus stored fields that exist only to be filtered and sorted on:
 * - `startingPriceCents` (cheapest package), `minDeliveryDays` (fastest package);
 * - `stats`: order and rating counters, filled by the order events; zero/null until then;
 * - `ratingSortKey`: the average rating, or -1 while unrated, so the TOP_RATED sort key is never null.
 *   Both are written only by modules/stats, from the order facts the orders service sends.
 *
 * Indexes (each list filters on `status` first, then sorts on the key of its sort and `_id`):
 * - `slug` unique: gigBySlug; uniqueness of slugs.
 * - `status, stats.ordersCompleted, _id`: BEST_SELLING, RELEVANCE without a query, relevance tiers.
 * - `status, createdAt, _id`: NEWEST.
 * - `status, startingPriceCents, _id`: PRICE_LOW_TO_HIGH / PRICE_HIGH_TO_LOW and the price filters.
 * - `status, ratingSortKey, _id`: TOP_RATED and the minRating filter.
 * - `status, minDeliveryDays`: the maxDeliveryDays filter.
 * - `categoryId, status, stats.ordersCompleted`: the categorySlug filter (`$in` of the subtree).
 * - `sellerId, createdAt, _id`: User.gigs (newest first) and the sellerId filter.
 * - `tags` (multikey): the tags filter (`$all`).
 */
/** A package's tier: every PackageTier but CUSTOM (the tier of orders placed from custom offers). */
export type GigPackageTier = Exclude<PackageTier, 'CUSTOM'>;

export interface GigPackageDoc {
  tier: GigPackageTier;
  name: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  /** null: unlimited. */
  revisions: number | null;
  features: string[];
}

export interface GigFaqDoc {
  question: string;
  answer: string;
}

export interface GigRequirementDoc {
  _id: Types.ObjectId;
  question: string;
  required: boolean;
}

/** A gig extra (GigExtra); its id survives updates that name it, as orders refer to it. */
export interface GigExtraDoc {
  _id: Types.ObjectId;
  kind: GigExtraKind;
  title: string;
  description: string | null;
  priceCents: number;
  days: number;
}

export interface GigStatsDoc {
  ordersCompleted: number;
  ordersInQueue: number;
  ratingSum: number;
  ratingCount: number;
  /** null while unrated. */
  ratingAverage: number | null;
}

export interface GigDoc {
  _id: Types.ObjectId;
  slug: string;
  title: string;
  description: string;
  sellerId: Types.ObjectId;
  categoryId: Types.ObjectId;
  tags: string[];
  images: string[];
  /** The seller's GIG_IMAGE files (media), in display order, with the widest rendition's permanent link; absent on older gigs. */
  gallery?: GalleryImageDoc[];
  packages: GigPackageDoc[];
  faqs: GigFaqDoc[];
  requirements: GigRequirementDoc[];
  /** Absent on gigs stored before extras existed. */
  extras?: GigExtraDoc[];
  status: GigStatus;
  publishedAt: Date | null;
  startingPriceCents: number;
  minDeliveryDays: number;
  stats: GigStatsDoc;
  ratingSortKey: number;
  statsClock: number;
  statsVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One gallery image: the file at the media service and its 1200-pixel rendition's permanent link. */
export interface GalleryImageDoc {
  fileId: string;
  url: string;
}

const galleryImageSchema = new Schema<GalleryImageDoc>(
  { fileId: { type: String, required: true }, url: { type: String, required: true } },
  { _id: false },
);

const TIERS: GigPackageTier[] = ['BASIC', 'STANDARD', 'PREMIUM'];
const STATUSES: GigStatus[] = ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'];

const packageSchema = new Schema<GigPackageDoc>(
  {
    tier: { type: String, enum: TIERS, required: true },
    name: { type: String, required: true },
    description: { type: String, required: true },
    priceCents: { type: Number, required: true },
    deliveryDays: { type: Number, required: true },
    revisions: { type: Number, default: null },
    features: { type: [String], default: [] },
  },
  { _id: false },
);

const faqSchema = new Schema<GigFaqDoc>(
  { question: { type: String, required: true }, answer: { type: String, required: true } },
  { _id: false },
);

// Each requirement keeps its own ObjectId: orders answer requirements by id, so ids must survive
// updates of the gig's other fields.
const requirementSchema = new Schema<GigRequirementDoc>({
  question: { type: String, required: true },
  required: { type: Boolean, required: true },
});

const extraSchema = new Schema<GigExtraDoc>({
  kind: { type: String, enum: ['EXTRA_FAST_DELIVERY', 'ADDITIONAL_REVISION', 'CUSTOM'], required: true },
  title: { type: String, required: true },
  description: { type: String, default: null },
  priceCents: { type: Number, required: true },
  days: { type: Number, required: true },
});

const statsSchema = new Schema<GigStatsDoc>(
  {
    ordersCompleted: { type: Number, default: 0 },
    ordersInQueue: { type: Number, default: 0 },
    ratingSum: { type: Number, default: 0 },
    ratingCount: { type: Number, default: 0 },
    ratingAverage: { type: Number, default: null },
  },
  { _id: false },
);

const gigSchema = new Schema<GigDoc>(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
    sellerId: { type: Schema.Types.ObjectId, required: true },
    categoryId: { type: Schema.Types.ObjectId, required: true },
    tags: { type: [String], default: [] },
    images: { type: [String], default: [] },
    gallery: { type: [galleryImageSchema], default: [] },
    packages: { type: [packageSchema], default: [] },
    faqs: { type: [faqSchema], default: [] },
    requirements: { type: [requirementSchema], default: [] },
    extras: { type: [extraSchema], default: [] },
    status: { type: String, enum: STATUSES, required: true, default: 'DRAFT' },
    publishedAt: { type: Date, default: null },
    startingPriceCents: { type: Number, required: true },
    minDeliveryDays: { type: Number, required: true },
    stats: { type: statsSchema, default: () => ({}) },
    ratingSortKey: { type: Number, required: true, default: -1 },
    // Orders the recomputations of `stats` (see modules/stats/service.ts): each takes a ticket from
    // statsClock, and only writes if no later ticket already wrote (statsVersion).
    statsClock: { type: Number, default: 0 },
    statsVersion: { type: Number, default: 0 },
  },
  { timestamps: true },
);
gigSchema.index({ status: 1, 'stats.ordersCompleted': -1, _id: -1 });
gigSchema.index({ status: 1, createdAt: -1, _id: -1 });
gigSchema.index({ status: 1, startingPriceCents: 1, _id: 1 });
gigSchema.index({ status: 1, ratingSortKey: -1, _id: -1 });
gigSchema.index({ status: 1, minDeliveryDays: 1 });
gigSchema.index({ categoryId: 1, status: 1, 'stats.ordersCompleted': -1 });
gigSchema.index({ sellerId: 1, createdAt: -1, _id: -1 });
gigSchema.index({ tags: 1 });

export type GigModel = Model<GigDoc>;

export function gigModel(connection: Connection): GigModel {
  return connection.model<GigDoc>('Gig', gigSchema, 'gigs');
}

/**
 * The word lists gigs stored for the search before its in-memory index (titleWords, tagWords,
 * descriptionWords, keywords) and their indexes: removed once, at start, from a database written by
 * an earlier version. They were decoded with every gig read, for nothing that reads them now
 * (dropping them halved the database's time of a search page's gig read, 34 ms to 17 ms). The
 * indexes are dropped last, so a start that stops half-way does it again; on a database without
 * them it costs one listIndexes. Returns how many gigs were cleaned.
 */
export const RETIRED_WORD_INDEXES = ['keywords_1', 'titleWords_1', 'tagWords_1'] as const;

export async function dropStoredWords(Gig: GigModel): Promise<number> {
  const present = new Set((await Gig.collection.indexes()).map((index) => index.name));
  const retired = RETIRED_WORD_INDEXES.filter((name) => present.has(name));
  if (!retired.length) return 0;
  // The raw collection: these paths are no longer in the schema, which would strip them from $unset.
  const { modifiedCount } = await Gig.collection.updateMany(
    { keywords: { $exists: true } },
    { $unset: { titleWords: '', tagWords: '', descriptionWords: '', keywords: '' } },
  );
  for (const name of retired) await Gig.collection.dropIndex(name);
  return modifiedCount;
}

import { Types } from 'mongoose';
import type { GigsModels } from '../src/context.js';
import { gigWords } from '../src/modules/gigs/keywords.js';
import type { GigDoc } from '../src/modules/gigs/model.js';
import { derivedPricing } from '../src/modules/gigs/rules.js';

export interface GigSpec {
  title?: string;
  description?: string;
  tags?: string[];
  categorySlug?: string;
  sellerId?: string;
  status?: 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'ARCHIVED';
  prices?: number[];
  deliveryDays?: number[];
  ordersCompleted?: number;
  rating?: { sum: number; count: number } | null;
  createdAt?: Date;
}

let serial = 0;

/**
 * Gigs written straight into the database, for volume (paging through 100+). Their stored search
 * and sort fields are computed by the same functions the service uses.
 */
export async function insertGigs(models: GigsModels, specs: GigSpec[]): Promise<GigDoc[]> {
  const categories = await models.Category.find().lean().exec();
  const categoryId = new Map(categories.map((c) => [c.slug, c._id]));
  const docs = specs.map((spec) => {
    serial += 1;
    const title = spec.title ?? `Fixture gig number ${serial} for paging`;
    const description = spec.description ?? `A fixture description for gig ${serial}. `.repeat(5);
    const tags = spec.tags ?? ['fixture'];
    const prices = spec.prices ?? [1000 + ((serial * 37) % 50) * 100];
    const days = spec.deliveryDays ?? prices.map(() => 3);
    const tiers = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
    const packages = prices.map((priceCents, i) => ({
      tier: tiers[i]!,
      name: tiers[i]!,
      description: 'Package',
      priceCents,
      deliveryDays: days[i]!,
      revisions: 1,
      features: [],
    }));
    const rating = spec.rating ?? null;
    const average = rating ? rating.sum / rating.count : null;
    const _id = new Types.ObjectId();
    return {
      _id,
      slug: `fixture-${_id.toHexString()}`,
      title,
      description,
      tags,
      images: [],
      packages,
      faqs: [],
      requirements: [],
      sellerId: new Types.ObjectId(spec.sellerId),
      categoryId: categoryId.get(spec.categorySlug ?? 'logo-design')!,
      status: spec.status ?? 'ACTIVE',
      ...derivedPricing(packages),
      ...gigWords({ title, tags, description }),
      stats: {
        ordersCompleted: spec.ordersCompleted ?? 0,
        ordersInQueue: 0,
        ratingSum: rating?.sum ?? 0,
        ratingCount: rating?.count ?? 0,
        ratingAverage: average,
      },
      ratingSortKey: average ?? -1,
      createdAt: spec.createdAt ?? new Date(Date.UTC(2026, 0, 1) + serial * 60_000),
      updatedAt: new Date(),
    };
  });
  await models.Gig.collection.insertMany(docs);
  return docs as unknown as GigDoc[];
}

import {
  GIG_LOOKUP_ROUTE,
  isObjectId,
  requireServiceToken,
  type GigLookupResponse,
  type GigSnapshot,
  type GigStatus,
  type PackageTier,
} from '@gigmart/shared';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { GigDoc, GigModel } from './model.js';

const MAX_IDS = 200;
const lookupBody = z.object({ ids: z.array(z.string()).max(MAX_IDS) });

export function toSnapshot(gig: GigDoc): GigSnapshot {
  return {
    id: String(gig._id),
    slug: gig.slug,
    title: gig.title,
    status: gig.status as GigStatus,
    sellerId: String(gig.sellerId),
    categoryId: String(gig.categoryId),
    packages: gig.packages.map((p) => ({
      tier: p.tier as PackageTier,
      name: p.name,
      description: p.description,
      priceCents: p.priceCents,
      deliveryDays: p.deliveryDays,
      revisions: p.revisions ?? null,
      features: [...p.features],
    })),
    requirements: gig.requirements.map((r) => ({ id: String(r._id), question: r.question, required: r.required })),
  };
}

/** The gigs as they are now, any status; unknown and malformed ids left out. One query per call. */
export async function lookupGigSnapshots(Gig: GigModel, ids: string[]): Promise<GigSnapshot[]> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (!valid.length) return [];
  const gigs = await Gig.find({ _id: { $in: valid } }).lean<GigDoc[]>().exec();
  return gigs.map(toSnapshot);
}

/** POST /internal/gigs/lookup (see shared/src/internal/gigs.ts): for the orders service only. */
export function registerInternalRoutes(app: Express, deps: { Gig: GigModel; serviceToken: string }): void {
  app.post(GIG_LOOKUP_ROUTE, requireServiceToken(deps.serviceToken), express.json({ limit: '64kb' }), async (req, res, next) => {
    const parsed = lookupBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `Body must be { "ids": string[] } with at most ${MAX_IDS} ids.` });
      return;
    }
    try {
      const body: GigLookupResponse = { gigs: await lookupGigSnapshots(deps.Gig, parsed.data.ids) };
      res.json(body);
    } catch (error) {
      next(error);
    }
  });
}

import { GIG_LOOKUP_ROUTE, requireServiceToken, type GigLookupResponse, type GigSnapshot } from '@gigmart/shared';
import express, { type Express, type Request } from 'express';
import { z } from 'zod';
import type { GigsContext } from '../../context.js';
import type { GigDoc } from './model.js';
import { lookupGigs } from './service.js';

const MAX_IDS = 200;
const lookupBody = z.object({ ids: z.array(z.string()).max(MAX_IDS) });

export function toSnapshot(gig: GigDoc): GigSnapshot {
  return {
    id: String(gig._id),
    slug: gig.slug,
    title: gig.title,
    status: gig.status,
    sellerId: String(gig.sellerId),
    categoryId: String(gig.categoryId),
    packages: gig.packages.map((p) => ({
      tier: p.tier,
      name: p.name,
      description: p.description,
      priceCents: p.priceCents,
      deliveryDays: p.deliveryDays,
      revisions: p.revisions ?? null,
      features: [...p.features],
    })),
    requirements: gig.requirements.map((r) => ({ id: String(r._id), question: r.question, required: r.required })),
    extras: (gig.extras ?? []).map((e) => ({
      id: String(e._id),
      kind: e.kind,
      title: e.title,
      description: e.description ?? null,
      priceCents: e.priceCents,
      days: e.days,
    })),
  };
}

/** POST /internal/gigs/lookup (see shared/src/internal/gigs.ts): for the orders service only. */
export function registerGigRoutes(app: Express, deps: { serviceToken: string; context: (req: Request) => GigsContext }): void {
  app.post(GIG_LOOKUP_ROUTE, requireServiceToken(deps.serviceToken), express.json({ limit: '64kb' }), async (req, res, next) => {
    const parsed = lookupBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `Body must be { "ids": string[] } with at most ${MAX_IDS} ids.` });
      return;
    }
    try {
      const body: GigLookupResponse = { gigs: (await lookupGigs(deps.context(req), parsed.data.ids)).map(toSnapshot) };
      res.json(body);
    } catch (error) {
      next(error);
    }
  });
}

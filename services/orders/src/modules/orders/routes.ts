import { ORDER_FACTS_ROUTE, requireServiceToken, type CurrentOrderFacts, type OrderFactsPage } from '@gigmart/shared';
import express, { type Express } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { OrdersModels } from '../../context.js';
import type { OrderDoc } from './model.js';

export const FACTS_PAGE_MAX = 500;
const pageBody = z.object({
  after: z
    .string()
    .regex(/^[0-9a-f]{24}$/i)
    .nullish(),
  limit: z.number().int().min(1).max(FACTS_PAGE_MAX).optional(),
});

/**
 * The current facts of every order, paged by id: what reconciliation compares the gigs service's
 * counters with. The rating comes from the reviews themselves, so a review whose order write was
 * lost still counts. Two queries per page.
 */
export async function currentFactsPage(
  models: Pick<OrdersModels, 'Order' | 'Review'>,
  after: string | null,
  limit: number,
): Promise<OrderFactsPage> {
  const orders = await models.Order.find(after ? { _id: { $gt: new Types.ObjectId(after) } } : {}, {
    gigId: 1,
    sellerId: 1,
    status: 1,
    version: 1,
  })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<Array<Pick<OrderDoc, '_id' | 'gigId' | 'sellerId' | 'status' | 'version'>>>()
    .exec();
  const reviews = orders.length
    ? await models.Review.find({ orderId: { $in: orders.map((o) => o._id) } }, { orderId: 1, rating: 1 })
        .lean<Array<{ orderId: Types.ObjectId; rating: number }>>()
        .exec()
    : [];
  const ratingOf = new Map(reviews.map((r) => [String(r.orderId), r.rating]));
  const facts: CurrentOrderFacts[] = orders.map((o) => ({
    orderId: String(o._id),
    gigId: o.gigId,
    sellerId: o.sellerId,
    status: o.status,
    rating: ratingOf.get(String(o._id)) ?? null,
    sequence: o.version,
  }));
  const last = orders.at(-1);
  return { facts, next: orders.length === limit && last ? String(last._id) : null };
}

/** POST /internal/orders/facts (see shared/src/internal/order-facts.ts): for the gigs service only. */
export function registerFactsRoute(app: Express, deps: { models: OrdersModels; serviceToken: string }): void {
  app.post(ORDER_FACTS_ROUTE, requireServiceToken(deps.serviceToken), express.json({ limit: '16kb' }), async (req, res, next) => {
    const parsed = pageBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: `Body must be { "after"?: order id | null, "limit"?: 1-${FACTS_PAGE_MAX} }.` });
      return;
    }
    try {
      res.json(await currentFactsPage(deps.models, parsed.data.after ?? null, parsed.data.limit ?? FACTS_PAGE_MAX));
    } catch (error) {
      next(error);
    }
  });
}

import { findPage, money, requireViewer, withUserErrors, type SortSpec } from '@gigmart/shared';
import { canSeeOrder, type OrdersContext } from '../../context.js';
import { isLate, revisionsRemaining } from './rules.js';
import type { OrderStatus } from './transitions.js';
import {
  acceptDelivery,
  cancelOrder,
  deliverOrder,
  lateness,
  requestRevision,
  submitRequirements,
  type CancelOrderInput,
  type DeliverOrderInput,
  type RequestRevisionInput,
  type SubmitRequirementsInput,
} from './service.js';
import type { OrderDoc, OrderEventDoc } from './model.js';
import { placeOrder, type PlaceOrderInput } from './placement.js';

export const ORDERS_NEWEST_FIRST: SortSpec = { name: 'orders:newest', keys: [{ field: 'createdAt', direction: -1 }] };

export const userRef = (id: string) => ({ __typename: 'User' as const, id });

/** The order if the viewer may see it, else null (unknown and forbidden look the same). */
async function visibleOrder(ctx: OrdersContext, id: string): Promise<OrderDoc | null> {
  if (!ctx.viewer) return null;
  const order = await ctx.loaders.orderById.load(id);
  return order && canSeeOrder(ctx.viewer, order) ? order : null;
}

type Args<T> = { input: T };

export const orderResolvers = {
  Query: {
    order: (_: unknown, args: { id: string }, ctx: OrdersContext) => visibleOrder(ctx, args.id),
    myOrders: (
      _: unknown,
      args: { role: 'BUYER' | 'SELLER'; status?: OrderStatus[] | null; first?: number | null; after?: string | null },
      ctx: OrdersContext,
    ) => {
      const viewer = requireViewer(ctx);
      const filter: Record<string, unknown> = args.role === 'BUYER' ? { buyerId: viewer.id } : { sellerId: viewer.id };
      if (args.status?.length) filter['status'] = { $in: args.status };
      return findPage(ctx.models.Order, { filter, sort: ORDERS_NEWEST_FIRST, first: args.first, after: args.after });
    },
  },
  Mutation: {
    placeOrder: (_: unknown, { input }: Args<PlaceOrderInput>, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => placeOrder(ctx.models, ctx.deps, viewer, input, ctx.requestId));
    },
    submitRequirements: (_: unknown, { input }: Args<SubmitRequirementsInput>, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => submitRequirements(ctx.models, ctx.deps, viewer, input));
    },
    deliverOrder: (_: unknown, { input }: Args<DeliverOrderInput>, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => deliverOrder(ctx.models, ctx.deps, viewer, input));
    },
    requestRevision: (_: unknown, { input }: Args<RequestRevisionInput>, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => requestRevision(ctx.models, ctx.deps, viewer, input));
    },
    acceptDelivery: (_: unknown, { input }: Args<{ orderId: string }>, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => acceptDelivery(ctx.models, ctx.deps, viewer, input));
    },
    cancelOrder: (_: unknown, { input }: Args<CancelOrderInput>, ctx: OrdersContext) => {
      const viewer = requireViewer(ctx);
      return withUserErrors('order', () => cancelOrder(ctx.models, ctx.deps, viewer, input));
    },
  },
  Order: {
    __resolveReference: (ref: { id: string }, ctx: OrdersContext) => visibleOrder(ctx, ref.id),
    id: (o: OrderDoc) => String(o._id),
    gig: (o: OrderDoc) => ({ __typename: 'Gig', id: o.gigId }),
    buyer: (o: OrderDoc) => userRef(o.buyerId),
    seller: (o: OrderDoc) => userRef(o.sellerId),
    package: (o: OrderDoc) => ({ ...o.package, revisions: o.package.revisions ?? null, price: money(o.package.priceCents) }),
    subtotal: (o: OrderDoc) => money(o.subtotalCents),
    serviceFee: (o: OrderDoc) => money(o.serviceFeeCents),
    total: (o: OrderDoc) => money(o.totalCents),
    sellerEarnings: (o: OrderDoc) => money(o.sellerEarningsCents),
    requirements: (o: OrderDoc) => o.requirements.map((r) => ({ question: r.question, answer: r.answer })),
    isLate: (o: OrderDoc, _: unknown, ctx: OrdersContext) => isLate(lateness(o), ctx.deps.clock()),
    revisionsRemaining: (o: OrderDoc) => revisionsRemaining(o.package.revisions ?? null, o.revisionsUsed),
    deliveries: (o: OrderDoc) => o.deliveries.map((d) => ({ ...d, id: String(d._id) })),
    messages: (o: OrderDoc, _: unknown, ctx: OrdersContext) => ctx.loaders.messagesByOrderId.load(String(o._id)),
    events: (o: OrderDoc) => o.events.map((e: OrderEventDoc) => ({ ...e, actor: e.actorId ? userRef(e.actorId) : null })),
    review: (o: OrderDoc, _: unknown, ctx: OrdersContext) => ctx.loaders.reviewByOrderId.load(String(o._id)),
  },
};

import { money, withUserErrors } from '@gigmart/shared';
import { requireMember } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { gigRef, userRef } from '../track-record/index.js';
import { placeOrder } from './placement.js';
import { isLate, lateness, revisionsRemaining } from './rules.js';
import { acceptDelivery, cancelOrder, deliverOrder, findVisibleOrder, myOrders, requestRevision, submitRequirements } from './service.js';

export const ordersResolvers: Resolvers = {
  Query: {
    order: (_, { id }, ctx) => findVisibleOrder(ctx, id),
    myOrders: (_, args, ctx) => myOrders(ctx, args),
  },
  Mutation: {
    placeOrder: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => placeOrder(member, input));
    },
    submitRequirements: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => submitRequirements(member, input));
    },
    deliverOrder: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => deliverOrder(member, input));
    },
    requestRevision: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => requestRevision(member, input));
    },
    acceptDelivery: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => acceptDelivery(member, input));
    },
    cancelOrder: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => cancelOrder(member, input));
    },
  },
  Order: {
    __resolveReference: (ref, ctx) => findVisibleOrder(ctx, ref.id),
    id: (o) => String(o._id),
    gig: (o) => gigRef(o.gigId),
    buyer: (o) => userRef(o.buyerId),
    seller: (o) => userRef(o.sellerId),
    subtotal: (o) => money(o.subtotalCents),
    serviceFee: (o) => money(o.serviceFeeCents),
    total: (o) => money(o.totalCents),
    sellerEarnings: (o) => money(o.sellerEarningsCents),
    isLate: (o, _, ctx) => isLate(lateness(o), ctx.clock()),
    revisionsRemaining: (o) => revisionsRemaining(o.package.revisions ?? null, o.revisionsUsed),
    messages: (o, _, ctx) => ctx.loaders.messagesByOrderId.load(String(o._id)),
    review: (o, _, ctx) => ctx.loaders.reviewByOrderId.load(String(o._id)),
  },
  OrderedPackage: {
    price: (p) => money(p.priceCents),
  },
  Delivery: {
    id: (d) => String(d._id),
  },
  OrderEvent: {
    actor: (e) => (e.actorId ? userRef(e.actorId) : null),
  },
};

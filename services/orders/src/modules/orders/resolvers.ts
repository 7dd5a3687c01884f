import { money, withUserErrors } from '@gigmart/shared';
import { requireMember } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { gigRef, userRef } from '../track-record/index.js';
import { placeOrder } from './placement.js';
import { autoCompletesAtOf, viewerActionsOf } from './actions.js';
import { buyExtras, orderQuote } from './extras.js';
import {
  answerCancellation,
  answerExtension,
  answerPartialRefund,
  disputedOrders,
  offerPartialRefund,
  openDispute,
  requestCancellation,
  requestExtension,
  resolveDispute,
  withdrawCancellation,
} from './resolution.js';
import { requestPublicId, requestViews } from './requests.js';
import { chargesOf, isLate, lateness, revisionsLeftOf } from './rules.js';
import { acceptDelivery, cancelOrder, deliverOrder, findVisibleOrder, myOrders, requestRevision, submitRequirements } from './service.js';

export const ordersResolvers: Resolvers = {
  Query: {
    order: (_, { id }, ctx) => findVisibleOrder(ctx, id),
    myOrders: (_, args, ctx) => myOrders(ctx, args),
    orderQuote: (_, args, ctx) => orderQuote(ctx, args),
    disputedOrders: (_, args, ctx) => disputedOrders(ctx, args),
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
    buyExtras: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => buyExtras(member, input));
    },
    requestExtension: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => requestExtension(member, input));
    },
    answerExtension: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => answerExtension(member, input));
    },
    requestCancellation: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => requestCancellation(member, input));
    },
    answerCancellation: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => answerCancellation(member, input));
    },
    withdrawCancellation: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => withdrawCancellation(member, input));
    },
    offerPartialRefund: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => offerPartialRefund(member, input));
    },
    answerPartialRefund: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => answerPartialRefund(member, input));
    },
    openDispute: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => openDispute(member, input));
    },
    resolveDispute: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => resolveDispute(member, input));
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
    revisionsRemaining: (o) => revisionsLeftOf(o),
    extras: (o) => o.extras ?? [],
    charges: (o) => chargesOf(o),
    refunded: (o) => money(o.refundedCents ?? 0),
    extensionRequests: (o) => requestViews(o, 'extensionRequests'),
    cancellationRequests: (o) => requestViews(o, 'cancellationRequests'),
    partialRefundOffers: (o) => requestViews(o, 'partialRefundOffers'),
    dispute: (o) => o.dispute ?? null,
    viewerActions: async (o, _, ctx) => viewerActionsOf(ctx.viewer, o, ctx.clock(), await ctx.loaders.reviewByOrderId.load(String(o._id))),
    autoCompletesAt: (o) => autoCompletesAtOf(o),
    messages: (o, _, ctx) => ctx.loaders.messagesByOrderId.load(String(o._id)),
    review: (o, _, ctx) => ctx.loaders.reviewByOrderId.load(String(o._id)),
  },
  OrderCharge: {
    subtotal: (c) => money(c.subtotalCents),
    serviceFee: (c) => money(c.serviceFeeCents),
    total: (c) => money(c.subtotalCents + c.serviceFeeCents),
  },
  OrderedExtra: {
    unitPrice: (e) => money(e.unitPriceCents),
    total: (e) => money(e.unitPriceCents * e.quantity),
  },
  OrderQuote: {
    subtotal: (q) => money(q.subtotalCents),
    serviceFee: (q) => money(q.serviceFeeCents),
    total: (q) => money(q.totalCents),
  },
  ExtensionRequest: {
    id: requestPublicId,
    days: (r) => r.days ?? 0,
    reason: (r) => r.reason ?? '',
  },
  CancellationRequest: {
    id: requestPublicId,
    requestedBy: (r) => userRef(r.requestedBy),
    reason: (r) => r.reason ?? '',
  },
  PartialRefundOffer: {
    id: requestPublicId,
    percent: (r) => r.percent ?? 0,
    amount: (r) => money(r.amountCents ?? 0),
  },
  Dispute: {
    id: (d) => String(d._id),
    openedBy: (d) => userRef(d.openedBy),
  },
  OrderedPackage: {
    price: (p) => money(p.priceCents),
  },
  Delivery: {
    id: (d) => String(d._id),
    // References: the media subgraph resolves each (the buyer and the seller may read them).
    files: (d) => (d.fileIds ?? []).map((id) => ({ id })),
  },
  OrderEvent: {
    actor: (e) => (e.actorId ? userRef(e.actorId) : null),
  },
};

import { money, withUserErrors, withUserErrorsPayload } from '@gigmart/shared';
import { requireMember } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { priceOrder } from '../orders/index.js';
import { gigRef, userRef } from '../track-record/index.js';
import { effectiveStatus } from './rules.js';
import { acceptOffer, declineOffer, findVisibleOffer, myOffers, sendOffer, withdrawOffer } from './service.js';

export const offersResolvers: Resolvers = {
  Query: {
    offer: (_, { id }, ctx) => findVisibleOffer(ctx, id),
    myOffers: (_, args, ctx) => myOffers(ctx, args),
  },
  Mutation: {
    sendOffer: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('offer', () => sendOffer(member, input));
    },
    withdrawOffer: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('offer', () => withdrawOffer(member, input));
    },
    declineOffer: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('offer', () => declineOffer(member, input));
    },
    acceptOffer: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrorsPayload({ offer: null, order: null }, () => acceptOffer(member, input));
    },
  },
  Offer: {
    // Batched; the same visibility as the query (a message of the inbox refers to offers this way).
    __resolveReference: (ref, ctx) => findVisibleOffer(ctx, ref.id),
    id: (o) => String(o._id),
    gig: (o) => gigRef(o.gigId),
    seller: (o) => userRef(o.sellerId),
    buyer: (o) => userRef(o.buyerId),
    price: (o) => money(o.priceCents),
    serviceFee: (o) => money(priceOrder(o.priceCents).serviceFeeCents),
    total: (o) => money(priceOrder(o.priceCents).totalCents),
    status: (o, _, ctx) => effectiveStatus(o, ctx.clock()),
    // The order's own visibility applies (its buyer, its seller, admins: the offer's parties).
    order: (o, _, ctx) => (o.orderId ? ctx.loaders.orderById.load(String(o.orderId)) : null),
  },
  Order: {
    offer: async (order, _, ctx) => ctx.loaders.offerByOrderId.load(String(order._id)),
  },
};

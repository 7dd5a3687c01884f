import { money, withUserErrors, withUserErrorsPayload } from '@gigmart/shared';
import { requireMember } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { findVisibleLedgerEntry, findVisibleWithdrawal, ledgerPage, tipOrder, withdrawalsPage, withdrawEarnings } from './service.js';

export const moneyResolvers: Resolvers = {
  Mutation: {
    tipOrder: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrors('order', () => tipOrder(member, input));
    },
    withdrawEarnings: async (_, { input }, ctx) => {
      const member = await requireMember(ctx);
      return withUserErrorsPayload({ withdrawal: null, earnings: null }, () => withdrawEarnings(member, input));
    },
  },
  Order: {
    tip: (order) =>
      order.tip ? { amount: money(order.tip.amountCents), sellerEarnings: money(order.tip.sellerEarningsCents), at: order.tip.at } : null,
  },
  SellerEarnings: {
    pendingClearance: async (e) => money((await e.balances()).pendingClearanceCents),
    cleared: async (e) => money((await e.balances()).clearedCents),
    lifetime: async (e) => money((await e.balances()).lifetimeCents),
    available: async (e) => money((await e.balances()).availableCents),
    withdrawn: async (e) => money((await e.balances()).withdrawnCents),
    ledger: (e, args, ctx) => ledgerPage(ctx, e.sellerId, args),
    withdrawals: (e, args, ctx) => withdrawalsPage(ctx, e.sellerId, args),
  },
  LedgerEntry: {
    // Only the seller sees their lines, by reference too.
    __resolveReference: (ref, ctx) => findVisibleLedgerEntry(ctx, ref.id),
    id: (entry) => String(entry._id),
    amount: (entry) => money(entry.amountCents),
    order: (entry, _, ctx) => (entry.orderId ? ctx.loaders.orderById.load(String(entry.orderId)) : null),
    withdrawal: (entry, _, ctx) => (entry.withdrawalId ? findVisibleWithdrawal(ctx, String(entry.withdrawalId)) : null),
  },
  Withdrawal: {
    id: (w) => String(w._id),
    amount: (w) => money(w.amountCents),
  },
};

import type { SubgraphModule } from '@gigmart/shared';
import { moneyResolvers } from './resolvers.js';
import { moneyTypeDefs } from './schema.js';

/** The seller's money: tips, the append-only ledger, balances, clearance and withdrawals. */
export const sellerMoneyModule: SubgraphModule = { typeDefs: moneyTypeDefs, resolvers: moneyResolvers };

export { createLedgerSweep, migrateEarnings, type LedgerSweep } from './ledger.js';
export {
  ledgerEntryModel,
  sellerAccountModel,
  withdrawalModel,
  type LedgerEntryDoc,
  type LedgerEntryModel,
  type SellerAccountModel,
  type WithdrawalDoc,
  type WithdrawalModel,
} from './model.js';
export { TIP_MIN_CENTS, tipRefusal } from './rules.js';
export { completeAtOnce, type PayoutProvider, type PayoutResult } from './payouts.js';
export { applyLinesOf, ledgerOfOrderChange, readBalances, sellerEarnings, type EarningsView } from './service.js';

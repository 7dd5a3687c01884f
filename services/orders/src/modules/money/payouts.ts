import type { WithdrawalDoc } from './model.js';

/** What a payout provider answers for one withdrawal. */
export type PayoutResult = { status: 'COMPLETED' } | { status: 'FAILED'; reason: string } | { status: 'PENDING' };

/**
 * The one place money leaves the marketplace. A real integration replaces this function (the
 * withdrawal's id is its idempotency key with the provider: it may be asked again after a crash).
 * No provider is connected here: every withdrawal completes at once.
 */
export type PayoutProvider = (withdrawal: Pick<WithdrawalDoc, '_id' | 'sellerId' | 'amountCents'>) => Promise<PayoutResult>;

export const completeAtOnce: PayoutProvider = () => Promise.resolve({ status: 'COMPLETED' });

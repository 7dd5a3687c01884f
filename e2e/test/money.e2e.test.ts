import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLogoGig, signUp, signUpSeller, type Actor } from './actors.js';

/**
 * orders.money.graphql through the gateway, on the real services: an order completes and writes
 * the seller's ORDER_EARNING, the buyer tips, the seller reads balances, ledger (with its order
 * and withdrawal) and withdrawals on `me`, and withdraws what the tip made available.
 */

const EARNINGS = `pendingClearance { amountCents } available { amountCents } withdrawn { amountCents } lifetime { amountCents } cleared { amountCents }`;

describe('tips, the ledger and withdrawals through the gateway', () => {
  let stack: TestStack;
  let seller: Actor;
  let buyer: Actor;
  let gigId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
    gigId = await publishLogoGig(seller, { basic: { revisions: 1 } });
  });
  afterAll(() => stack?.stop());

  it('completes, tips, reads the ledger and withdraws', async () => {
    const call = async <T>(actor: Actor, query: string, variables: Record<string, unknown>) => {
      const res = await actor.gql<T>(query, variables);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const placed = await call<{ placeOrder: { order: { id: string } } }>(
      buyer,
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code } } }',
      { input: { gigId, tier: 'BASIC' } },
    );
    const orderId = placed.placeOrder.order.id;
    await call(seller, 'mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { status } } }', {
      input: { orderId, message: 'Here it is' },
    });
    await call(buyer, 'mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) { order { status } } }', { input: { orderId } });

    const tipped = await call<{
      tipOrder: { order: { tip: { amount: { amountCents: number }; sellerEarnings: { amountCents: number } } }; userErrors: unknown[] };
    }>(
      buyer,
      'mutation ($input: TipOrderInput!) { tipOrder(input: $input) { order { tip { amount { amountCents } sellerEarnings { amountCents } } } userErrors { code } } }',
      { input: { orderId, amountCents: 2000, idempotencyKey: 'e2e-tip' } },
    );
    expect(tipped.tipOrder.userErrors).toEqual([]);
    expect(tipped.tipOrder.order.tip).toEqual({ amount: { amountCents: 2000 }, sellerEarnings: { amountCents: 1600 } });

    type Me = {
      me: {
        sellerEarnings: Record<string, { amountCents: number }> & {
          ledger: {
            totalCount: number;
            edges: Array<{ node: { kind: string; amount: { amountCents: number }; order: { id: string } | null } }>;
          };
        };
      };
    };
    const me = await call<Me>(
      seller,
      `{ me { sellerEarnings { ${EARNINGS} ledger(first: 10) { totalCount edges { node { kind amount { amountCents } order { id } } } } } } }`,
      {},
    );
    const e = me.me.sellerEarnings;
    expect([e['pendingClearance'], e['available'], e['withdrawn'], e['lifetime']]).toEqual([
      { amountCents: 8000 },
      { amountCents: 1600 },
      { amountCents: 0 },
      { amountCents: 9600 },
    ]);
    expect(e.ledger.edges.map((x) => [x.node.kind, x.node.amount.amountCents, x.node.order?.id])).toEqual([
      ['TIP_EARNING', 1600, orderId],
      ['ORDER_EARNING', 8000, orderId],
    ]);

    const withdrew = await call<{
      withdrawEarnings: {
        withdrawal: { status: string; amount: { amountCents: number } };
        earnings: { available: { amountCents: number } };
        userErrors: unknown[];
      };
    }>(
      seller,
      'mutation ($input: WithdrawEarningsInput!) { withdrawEarnings(input: $input) { withdrawal { status amount { amountCents } } earnings { available { amountCents } } userErrors { code } } }',
      { input: { amountCents: 1000, idempotencyKey: 'e2e-payout' } },
    );
    expect(withdrew.withdrawEarnings).toEqual({
      withdrawal: { status: 'COMPLETED', amount: { amountCents: 1000 } },
      earnings: { available: { amountCents: 600 } },
      userErrors: [],
    });
    const list = await call<{
      me: {
        sellerEarnings: {
          withdrawals: { totalCount: number };
          ledger: { edges: Array<{ node: { kind: string; withdrawal: { status: string } | null } }> };
        };
      };
    }>(
      seller,
      '{ me { sellerEarnings { withdrawals(first: 5) { totalCount } ledger(first: 1) { edges { node { kind withdrawal { status } } } } } } }',
      {},
    );
    expect(list.me.sellerEarnings.withdrawals.totalCount).toBe(1);
    expect(list.me.sellerEarnings.ledger.edges[0]!.node).toEqual({ kind: 'WITHDRAWAL', withdrawal: { status: 'COMPLETED' } });
    // A buyer who is no seller cannot withdraw.
    const refused = await buyer.gql('mutation { withdrawEarnings(input: { amountCents: 1000 }) { userErrors { code } } }', {});
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

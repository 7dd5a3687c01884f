import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, M, startOrdersHarness, type OrderView, type OrdersHarness } from '../../../test/harness.js';

let h: OrdersHarness;
beforeAll(async () => {
  // No relay loop: its polls would land inside the query-count window below.
  h = await startOrdersHarness('messages', { events: { relay: false } });
});
afterAll(() => h?.stop());

async function scene() {
  const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
  const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
  const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
  return { buyer, seller, order };
}

describe('sendOrderMessage', () => {
  it('keeps the thread oldest first, from both parties', async () => {
    const { buyer, seller, order } = await scene();
    await h.ok(buyer, M.message, { orderId: order.id, body: 'Hi! Can you use blue?' });
    h.clock.advance(1000);
    await h.ok(seller, M.message, { orderId: order.id, body: '  Sure thing.  ' });
    h.clock.advance(1000);
    const last = await h.ok(buyer, M.message, { orderId: order.id, body: 'Thanks' });
    expect(last.messages.map((m) => [m.author.id, m.body])).toEqual([
      [buyer.id, 'Hi! Can you use blue?'],
      [seller.id, 'Sure thing.'],
      [buyer.id, 'Thanks'],
    ]);
    expect(new Date(last.messages[0]!.sentAt) < new Date(last.messages[2]!.sentAt)).toBe(true);
  });

  it('checks length, person and state', async () => {
    const { buyer, seller, order } = await scene();
    expect((await h.attempt(buyer, M.message, { orderId: order.id, body: '  ' })).payload!.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'body'], code: 'TOO_SHORT' }),
    ]);
    expect((await h.attempt(buyer, M.message, { orderId: order.id, body: 'x'.repeat(2001) })).payload!.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'body'], code: 'TOO_LONG' }),
    ]);
    await h.ok(buyer, M.message, { orderId: order.id, body: 'x'.repeat(2000) });
    const stranger = await h.member();
    const admin = await h.member(['BUYER', 'ADMIN']);
    // Admins see the order but take no part in it; to a stranger it is not there.
    expect((await h.attempt(admin, M.message, { orderId: order.id, body: 'hello' })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await h.attempt(stranger, M.message, { orderId: order.id, body: 'hello' })).payload).toMatchObject({
      order: null,
      userErrors: [{ field: ['input', 'orderId'], code: 'NOT_FOUND' }],
    });
    await h.ok(seller, M.cancel, { orderId: order.id, reason: 'Out of office' });
    expect((await h.attempt(buyer, M.message, { orderId: order.id, body: 'Why?' })).payload!.userErrors[0]!.code).toBe('INVALID_STATE');
  });

  it('loads the messages of a whole page of orders in one query', async () => {
    const { buyer, seller } = await scene();
    const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
    for (let i = 0; i < 4; i += 1) {
      const o = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'BASIC' });
      await h.ok(buyer, M.message, { orderId: o.id, body: `Message for order ${i}` });
    }
    const { result: res, ops } = await countQueries(h.service.connection, () =>
      h.gql<{ myOrders: { edges: Array<{ node: Pick<OrderView, 'messages'> }> } }>(
        '{ myOrders(role: BUYER, first: 10) { edges { node { messages { body } } } } }',
        {},
        { token: buyer.token },
      ),
    );
    expect(res.data!.myOrders.edges.filter((e) => e.node.messages.length === 1)).toHaveLength(4);
    expect(ops.filter((op) => op.startsWith('messages.'))).toEqual(['messages.find']);
  });
});

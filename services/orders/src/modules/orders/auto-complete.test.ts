import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, M, startOrdersHarness, type Member, type OrderView, type OrdersHarness } from '../../../test/harness.js';
import { applyTransition } from './apply.js';

let h: OrdersHarness;
beforeAll(async () => {
  h = await startOrdersHarness('autocomplete');
});
afterAll(() => h?.stop());

async function deliveredOrder() {
  const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
  const gig = h.gigs.add({ sellerId: seller.id, requirements: [] });
  const order = await h.ok(buyer, M.place, { gigId: gig.id, tier: 'STANDARD' });
  await h.ok(seller, M.deliver, { orderId: order.id, message: 'Done' });
  return { buyer, seller, order };
}

const view = async (member: Member, id: string) =>
  (await h.gql<{ order: OrderView }>(M.order, { id }, { token: member.token })).data!.order;

describe('auto-completion', () => {
  it('completes a delivered order 3 days after its last delivery, with no actor', async () => {
    const { buyer, order } = await deliveredOrder();
    const deliveredAt = h.clock.now().getTime();
    expect(await h.service.autoCompletion.runOnce(new Date(deliveredAt + 3 * DAY - 1))).toBe(0);
    expect((await view(buyer, order.id)).status).toBe('DELIVERED');
    const at = new Date(deliveredAt + 3 * DAY);
    expect(await h.service.autoCompletion.runOnce(at)).toBe(1);
    const done = await view(buyer, order.id);
    expect(done).toMatchObject({ status: 'COMPLETED', completedAt: at.toISOString() });
    expect(done.events.at(-1)).toEqual({ type: 'AUTO_COMPLETED', actor: null, at: at.toISOString(), note: null });
    expect(await h.service.autoCompletion.runOnce(new Date(deliveredAt + 10 * DAY))).toBe(0);
  });

  it('counts from the last delivery, not the first', async () => {
    const { buyer, seller, order } = await deliveredOrder();
    h.clock.advance(2 * DAY);
    await h.ok(buyer, M.revise, { orderId: order.id, message: 'One more thing' });
    await h.ok(seller, M.deliver, { orderId: order.id, message: 'Fixed' });
    const second = h.clock.now().getTime();
    expect(await h.service.autoCompletion.runOnce(new Date(second + 2 * DAY))).toBe(0);
    expect(await h.service.autoCompletion.runOnce(new Date(second + 3 * DAY))).toBe(1);
    expect((await view(buyer, order.id)).events.map((e) => e.type)).toEqual([
      'PLACED',
      'STARTED',
      'DELIVERED',
      'REVISION_REQUESTED',
      'DELIVERED',
      'AUTO_COMPLETED',
    ]);
  });

  it('is safe with several instances and a buyer accepting at the same moment', async () => {
    const orders = await Promise.all([deliveredOrder(), deliveredOrder(), deliveredOrder()]);
    const later = new Date(h.clock.now().getTime() + 4 * DAY);
    const [a, b, c, accept] = await Promise.all([
      h.service.autoCompletion.runOnce(later),
      h.service.autoCompletion.runOnce(later),
      h.service.autoCompletion.runOnce(later),
      h.ok(orders[0].buyer, M.accept, { orderId: orders[0].order.id }).catch(() => null),
    ]);
    expect(a + b + c + (accept ? 1 : 0)).toBe(3);
    for (const { buyer, order } of orders) {
      const events = (await view(buyer, order.id)).events.map((e) => e.type);
      expect(events.filter((t) => t === 'COMPLETED' || t === 'AUTO_COMPLETED')).toHaveLength(1);
    }
  });

  it('leaves the order free to move when a precondition fails at write time', async () => {
    const { buyer, order } = await deliveredOrder();
    const models = h.service.models;
    const doc = (await models.Order.findById(order.id).lean().exec())!;
    const refused = await applyTransition(models, {
      orderId: doc._id,
      version: doc.version,
      from: 'DELIVERED',
      to: 'COMPLETED',
      at: h.clock.now(),
      events: [{ type: 'COMPLETED', actorId: buyer.id }],
      where: { lastDeliveredAt: new Date(0) },
      order: doc,
    });
    expect(refused).toBeNull();
    expect((await h.ok(buyer, M.accept, { orderId: order.id })).status).toBe('COMPLETED');
  });
});

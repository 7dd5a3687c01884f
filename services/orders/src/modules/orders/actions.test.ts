import { newId } from '@gigmart/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M, startOrdersHarness, type Member, type OrdersHarness } from '../../../test/harness.js';
import { R, resolutionClient, type ResolutionClient, type Scene, type View } from '../../../test/resolution.js';

/**
 * Order.viewerActions against the mutations, state by state: every action the table lists for a
 * viewer succeeds (each on a fresh order in that state), every other one is refused and changes
 * nothing. Messages, reviews and tips have modules of their own and are left out here.
 */

let h: OrdersHarness;
let api: ResolutionClient;
let admin: Member;
beforeAll(async () => {
  h = await startOrdersHarness('actions', { events: { relay: false } });
  api = resolutionClient(h);
  admin = await h.member(['BUYER', 'ADMIN']);
});
afterAll(() => h?.stop());

const MADE_UP = newId().toHexString();
const pendingId = (list: Array<{ id: string; status: string }>) => list.find((r) => r.status === 'PENDING')?.id ?? MADE_UP;

/** Each table action as its mutation, with an input its party would send on `scene`. */
const ACTIONS: Record<string, { mutation: string; input: (s: Scene, o: View) => Record<string, unknown> }> = {
  SUBMIT_REQUIREMENTS: {
    mutation: M.submit,
    input: (s, o) => ({ orderId: o.id, answers: s.gig.requirements.map((r) => ({ requirementId: r.id, answer: 'Acme' })) }),
  },
  DELIVER: { mutation: R.deliver, input: (_, o) => ({ orderId: o.id, message: 'Here it is' }) },
  REQUEST_REVISION: { mutation: M.revise, input: (_, o) => ({ orderId: o.id, message: 'A little bigger' }) },
  ACCEPT_DELIVERY: { mutation: R.accept, input: (_, o) => ({ orderId: o.id }) },
  CANCEL: { mutation: R.cancelOrder, input: (_, o) => ({ orderId: o.id, reason: 'Not needed' }) },
  BUY_EXTRAS: { mutation: R.buyExtras, input: (s, o) => ({ orderId: o.id, extras: [{ extraId: s.gig.extras![2]!.id }] }) },
  REQUEST_EXTENSION: { mutation: R.requestExtension, input: (_, o) => ({ orderId: o.id, days: 2, reason: 'More time please' }) },
  ANSWER_EXTENSION: { mutation: R.answerExtension, input: (_, o) => ({ requestId: pendingId(o.extensionRequests), accept: true }) },
  REQUEST_CANCELLATION: { mutation: R.requestCancellation, input: (_, o) => ({ orderId: o.id, reason: 'Let us stop here' }) },
  ANSWER_CANCELLATION: {
    mutation: R.answerCancellation,
    input: (_, o) => ({ requestId: pendingId(o.cancellationRequests), accept: true }),
  },
  WITHDRAW_CANCELLATION: { mutation: R.withdrawCancellation, input: (_, o) => ({ requestId: pendingId(o.cancellationRequests) }) },
  OFFER_PARTIAL_REFUND: { mutation: R.offerPartialRefund, input: (_, o) => ({ orderId: o.id, percent: 10 }) },
  ANSWER_PARTIAL_REFUND: {
    mutation: R.answerPartialRefund,
    input: (_, o) => ({ requestId: pendingId(o.partialRefundOffers), accept: true }),
  },
  OPEN_DISPUTE: { mutation: R.openDispute, input: (_, o) => ({ orderId: o.id, reason: 'This is not what was described' }) },
  RESOLVE_DISPUTE: {
    mutation: R.resolveDispute,
    input: (_, o) => ({ orderId: o.id, outcome: 'COMPLETE', note: 'Delivered as described.' }),
  },
};

type Who = 'buyer' | 'seller' | 'admin';

/** Ways to reach each state worth walking (a fresh order each call). */
const STATES: Record<string, () => Promise<Scene>> = {
  AWAITING_REQUIREMENTS: async () => {
    const s = await api.started('STANDARD', { requirements: [{ id: newId().toHexString(), question: 'Brand?', required: true }] });
    return s;
  },
  IN_PROGRESS: () => api.started(),
  'IN_PROGRESS with a pending extension': async () => {
    const s = await api.started();
    await api.ok(s.seller, R.requestExtension, { orderId: s.order.id, days: 2, reason: 'More time please' });
    return s;
  },
  'IN_PROGRESS with a pending cancellation': async () => {
    const s = await api.started();
    await api.ok(s.buyer, R.requestCancellation, { orderId: s.order.id, reason: 'Let us stop here' });
    return s;
  },
  DELIVERED: () => api.delivered(),
  'DELIVERED with a pending partial refund': async () => {
    const s = await api.delivered();
    await api.ok(s.seller, R.offerPartialRefund, { orderId: s.order.id, percent: 10 });
    return s;
  },
  IN_REVISION: async () => {
    const s = await api.delivered();
    await api.ok(s.buyer, M.revise, { orderId: s.order.id, message: 'Again' });
    return s;
  },
  COMPLETED: async () => {
    const s = await api.delivered();
    await api.ok(s.buyer, R.accept, { orderId: s.order.id });
    return s;
  },
  'COMPLETED with an open dispute': async () => {
    const s = await api.delivered();
    await api.ok(s.buyer, R.accept, { orderId: s.order.id });
    await api.ok(s.buyer, R.openDispute, { orderId: s.order.id, reason: 'Found a problem after accepting' });
    return s;
  },
  CANCELLED: async () => {
    const s = await api.started();
    await api.ok(s.seller, R.cancelOrder, { orderId: s.order.id, reason: 'Cannot do it' });
    return s;
  },
  DISPUTED: async () => {
    const s = await api.delivered();
    await api.ok(s.seller, R.openDispute, { orderId: s.order.id, reason: 'The buyer is asking for far more' });
    return s;
  },
};

const member = (s: Scene, who: Who) => (who === 'buyer' ? s.buyer : who === 'seller' ? s.seller : admin);

describe('Order.viewerActions is what the mutations allow', () => {
  for (const [state, reach] of Object.entries(STATES)) {
    it(state, { timeout: 120_000 }, async () => {
      const scene = await reach();
      for (const who of ['buyer', 'seller', 'admin'] as const) {
        const order = await api.view(member(scene, who), scene.order.id);
        const listed = order.viewerActions.filter((a) => a in ACTIONS);
        const version = (await api.stored(order.id))!.version;
        for (const [name, action] of Object.entries(ACTIONS)) {
          if (listed.includes(name)) continue;
          const { payload, code } = await api.run(member(scene, who), action.mutation, action.input(scene, order));
          expect({ who, name, refused: Boolean(code) || payload?.order === null }).toEqual({ who, name, refused: true });
        }
        expect((await api.stored(order.id))!.version).toBe(version);
        for (const name of listed) {
          const fresh = await reach();
          const freshOrder = await api.view(member(fresh, who), fresh.order.id);
          const { payload, code } = await api.run(member(fresh, who), ACTIONS[name]!.mutation, ACTIONS[name]!.input(fresh, freshOrder));
          expect({ who, name, code, userErrors: payload?.userErrors }).toEqual({ who, name, code: undefined, userErrors: [] });
        }
      }
    });
  }

  it('lists the actions each party has in the main states', async () => {
    const s = await api.started();
    expect((await api.view(s.buyer, s.order.id)).viewerActions).toEqual(['BUY_EXTRAS', 'REQUEST_CANCELLATION', 'SEND_MESSAGE']);
    expect((await api.view(s.seller, s.order.id)).viewerActions).toEqual([
      'DELIVER',
      'CANCEL',
      'REQUEST_EXTENSION',
      'REQUEST_CANCELLATION',
      'OFFER_PARTIAL_REFUND',
      'SEND_MESSAGE',
    ]);
    expect((await api.view(admin, s.order.id)).viewerActions).toEqual(['CANCEL']);
  });
});

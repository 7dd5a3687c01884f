import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countQueries,
  DAY,
  HARNESS_START,
  HOUR,
  MINUTE,
  startInboxHarness,
  UPDATE,
  type InboxHarness,
  type TestMember,
} from '../../../test/harness.js';

let h: InboxHarness;
beforeAll(async () => {
  h = await startInboxHarness('inbox_response');
});
afterAll(() => h?.stop());

interface Metrics {
  id: string;
  responseRate: number | null;
  responseTimeMinutes: number | null;
}

const USERS = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id responseRate responseTimeMinutes } } }';

async function metricsOf(members: readonly TestMember[], token?: string): Promise<Metrics[]> {
  const res = await h.gql<{ _entities: Metrics[] }>(USERS, { r: members.map((m) => ({ __typename: 'User', id: m.id })) }, { token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities;
}

describe('User.responseRate and User.responseTimeMinutes', () => {
  it('follow the conversations others opened with a seller, as messages and blocks arrive, over 90 days', async () => {
    h.clock.set(HARNESS_START);
    const seller = await h.member({ seller: true });
    const buyers = await Promise.all(Array.from({ length: 5 }, () => h.member()));
    const metrics = async () => (await metricsOf([seller]))[0]!;
    expect(await metrics()).toEqual({ id: seller.id, responseRate: null, responseTimeMinutes: null });

    // Conversations the seller opened do not count.
    await h.send(seller, buyers[4]!, 'Hi, I can help with that');
    await h.send(buyers[4]!, seller, 'Great');
    expect(await metrics()).toMatchObject({ responseRate: null, responseTimeMinutes: null });

    // Buyer 0: answered after 10 minutes (later messages change nothing).
    await h.send(buyers[0]!, seller, 'Hello, a logo please');
    h.clock.advance(10 * MINUTE);
    await h.send(seller, buyers[0]!, 'Sure');
    h.clock.advance(5 * MINUTE);
    await h.send(buyers[0]!, seller, 'Thanks');
    await h.send(seller, buyers[0]!, 'You are welcome');
    expect(await metrics()).toMatchObject({ responseRate: 1, responseTimeMinutes: 10 });

    // Buyer 1: not answered (yet): counts as not answered.
    await h.send(buyers[1]!, seller, 'Are you there?');
    expect(await metrics()).toMatchObject({ responseRate: 0.5, responseTimeMinutes: 10 });

    // Buyer 2: blocked by the seller within 24 hours: left out.
    const spam = await h.send(buyers[2]!, seller, 'Buy followers!!!');
    h.clock.advance(HOUR);
    await h.gql(UPDATE, { input: { conversationId: spam.conversation.id, blocked: true } }, { token: seller.token });
    expect(await metrics()).toMatchObject({ responseRate: 0.5, responseTimeMinutes: 10 });

    // Buyer 1 answered after 2 days: too late for the rate, counted in the median.
    h.clock.advance(2 * DAY - HOUR);
    await h.send(seller, buyers[1]!, 'Sorry, I was away');
    expect(await metrics()).toMatchObject({ responseRate: 0.5, responseTimeMinutes: (10 + 2 * 24 * 60) / 2 });

    // Buyer 3: answered after 30 minutes: median of 10, 30 and 2880 minutes.
    await h.send(buyers[3]!, seller, 'Quick question');
    h.clock.advance(30 * MINUTE);
    await h.send(seller, buyers[3]!, 'Go ahead');
    expect(await metrics()).toMatchObject({ responseRate: 2 / 3, responseTimeMinutes: 30 });

    // 90 days after the first ones, only buyer 3's conversation (opened 2 days later) is left.
    h.clock.set(new Date(Date.parse(HARNESS_START) + 90 * DAY + HOUR));
    expect(await metrics()).toMatchObject({ responseRate: 1, responseTimeMinutes: 30 });
    h.clock.advance(3 * DAY);
    expect(await metrics()).toMatchObject({ responseRate: null, responseTimeMinutes: null });
    h.clock.set(HARNESS_START);
  });

  it('is null for members who are not sellers, and public', async () => {
    const [buyer, other] = await Promise.all([h.member(), h.member()]);
    await h.send(other, buyer, 'Hi');
    await h.send(buyer, other, 'Hello');
    expect(await metricsOf([buyer], other.token)).toEqual([{ id: buyer.id, responseRate: null, responseTimeMinutes: null }]);
    const seller = await h.member({ seller: true });
    await h.send(other, seller, 'Hi');
    expect(await metricsOf([seller])).toEqual([{ id: seller.id, responseRate: 0, responseTimeMinutes: null }]);
  });

  it('costs the same database commands for a page of 20 users as for 5', async () => {
    const sellers = await Promise.all(Array.from({ length: 20 }, () => h.member({ seller: true })));
    const buyer = await h.member();
    for (const seller of sellers) {
      await h.send(buyer, seller, 'Hi');
      await h.send(seller, buyer, 'Hello');
    }
    const small = await countQueries(h.service.connection, () => metricsOf(sellers.slice(0, 5)));
    const large = await countQueries(h.service.connection, () => metricsOf(sellers));
    expect(small.result.map((m) => m.responseRate)).toEqual(Array.from({ length: 5 }, () => 1));
    expect(large.result.map((m) => m.responseRate)).toEqual(Array.from({ length: 20 }, () => 1));
    expect(small.ops).toEqual(['responsedays.find']);
    expect(large.ops).toEqual(small.ops);
  });
});

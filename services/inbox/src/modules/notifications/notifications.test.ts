import { createHttpEventPublisher, newEventId, newId, type OrderActivityEvent } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startInboxHarness, type InboxHarness, type TestMember } from '../../../test/harness.js';

const NOTIFICATIONS = `query ($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount edges { cursor node { id kind text actor { id } order { id } conversation { id } createdAt readAt } }
    pageInfo { hasNextPage endCursor } } }`;
const COUNTS = '{ inboxCounts { unreadConversations unreadNotifications } }';
const PREFERENCES = '{ notificationPreferences { kind channel enabled } }';
const MARK = `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) {
  unreadNotifications userErrors { field message code } } }`;
const UPDATE = `mutation ($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) {
  preferences { kind channel enabled } userErrors { field message code } } }`;

interface NotificationView {
  id: string;
  kind: string;
  text: string;
  actor: { id: string } | null;
  order: { id: string } | null;
  conversation: { id: string } | null;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: NotificationView }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('notifications', () => {
  let h: InboxHarness;
  let publish: (events: OrderActivityEvent[]) => Promise<void>;
  beforeAll(async () => {
    h = await startInboxHarness('notifications');
    const publisher = createHttpEventPublisher({ consumerUrl: h.url, serviceToken: TEST_SERVICE_TOKEN });
    publish = (events) => publisher.publish(events);
  });
  afterAll(() => h?.stop());

  interface Scene {
    orderId: string;
    buyer: TestMember;
    seller: TestMember;
  }
  async function scene(): Promise<Scene> {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    return { orderId: newId().toHexString(), buyer, seller };
  }
  function orderEvent(
    s: Scene,
    kinds: string[],
    options: { actorId?: string | null; status?: string; sequence?: number; dueAt?: Date | null; type?: string } = {},
  ): OrderActivityEvent {
    return {
      id: newEventId(),
      type: options.type ?? 'order.updated',
      aggregateId: s.orderId,
      sequence: options.sequence ?? 1,
      occurredAt: h.clock.now().toISOString(),
      data: {
        orderId: s.orderId,
        gigId: newId().toHexString(),
        sellerId: s.seller.id,
        status: (options.status ?? 'IN_PROGRESS') as OrderActivityEvent['data']['status'],
        rating: null,
        activity: {
          buyerId: s.buyer.id,
          number: 'FO1A2B3C4D',
          actorId: options.actorId === undefined ? s.buyer.id : options.actorId,
          kinds,
          dueAt: options.dueAt ? options.dueAt.toISOString() : null,
        },
      },
    };
  }
  const list = async (member: TestMember, variables: Record<string, unknown> = {}) => {
    const res = await h.gql<{ notifications: Page }>(NOTIFICATIONS, variables, { token: member.token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.notifications;
  };
  const counts = async (member: TestMember) =>
    (await h.gql<{ inboxCounts: { unreadConversations: number; unreadNotifications: number } }>(COUNTS, {}, { token: member.token })).data!
      .inboxCounts;

  it('makes one notification per event and recipient, however often the event is delivered', async () => {
    const s = await scene();
    const placed = orderEvent(s, ['PLACED', 'STARTED'], { type: 'order.placed', sequence: 0 });
    await publish([placed]);
    await Promise.all([publish([placed]), publish([placed]), publish([placed])]);
    const sellerPage = await list(s.seller);
    expect(sellerPage.totalCount).toBe(1);
    const [first] = sellerPage.edges.map((e) => e.node);
    expect(first).toMatchObject({
      kind: 'ORDER_PLACED',
      text: `m_${s.buyer.id.slice(-8)} placed order FO1A2B3C4D`,
      actor: { id: s.buyer.id },
      order: { id: s.orderId },
      conversation: null,
      readAt: null,
    });
    // The actor hears nothing of their own change.
    expect((await list(s.buyer)).totalCount).toBe(0);
    await publish([orderEvent(s, ['DELIVERED'], { actorId: s.seller.id, sequence: 2, status: 'DELIVERED' })]);
    const buyerPage = await list(s.buyer);
    expect(buyerPage.edges.map((e) => [e.node.kind, e.node.text])).toEqual([
      ['ORDER_DELIVERED', `m_${s.seller.id.slice(-8)} delivered your order FO1A2B3C4D`],
    ]);
    // A system change (no actor) reaches both parties, with no actor.
    await publish([orderEvent(s, ['AUTO_COMPLETED'], { actorId: null, sequence: 3, status: 'COMPLETED', type: 'order.auto_completed' })]);
    const auto = (await list(s.buyer)).edges[0]!.node;
    expect(auto).toMatchObject({ kind: 'ORDER_COMPLETED', actor: null });
    expect((await list(s.seller)).edges[0]!.node.kind).toBe('ORDER_COMPLETED');
    // Kinds that name nothing to tell (STARTED) or that nobody maps make nothing.
    await publish([orderEvent(s, ['STARTED', 'SOMETHING_NEW'])]);
    expect((await list(s.seller)).totalCount).toBe(2);
  });

  it('pages newest first, lists unread only on request, counts the unread and marks them read', async () => {
    const s = await scene();
    for (let i = 0; i < 5; i += 1) {
      h.clock.advance(1000);
      await publish([orderEvent(s, ['MESSAGE'], { sequence: 1 })]);
    }
    const page1 = await list(s.seller, { first: 2 });
    expect(page1.totalCount).toBe(5);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await list(s.seller, { first: 2, after: page1.pageInfo.endCursor });
    const page3 = await list(s.seller, { first: 2, after: page2.pageInfo.endCursor });
    const all = [...page1.edges, ...page2.edges, ...page3.edges].map((e) => e.node);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((n) => n.id)).size).toBe(5);
    expect(all.map((n) => n.createdAt)).toEqual([...all.map((n) => n.createdAt)].sort().reverse());
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect(await counts(s.seller)).toEqual({ unreadConversations: 0, unreadNotifications: 5 });

    const marked = await h.gql<{ markNotificationsRead: { unreadNotifications: number; userErrors: unknown[] } }>(
      MARK,
      { input: { ids: [all[0]!.id, all[1]!.id] } },
      { token: s.seller.token },
    );
    expect(marked.data!.markNotificationsRead).toEqual({ unreadNotifications: 3, userErrors: [] });
    const unread = await list(s.seller, { unreadOnly: true });
    expect(unread.edges.map((e) => e.node.id)).toEqual(all.slice(2).map((n) => n.id));
    // Someone else's ids change nothing.
    const other = await h.member();
    const foreign = await h.gql<{ markNotificationsRead: { unreadNotifications: number } }>(
      MARK,
      { input: { ids: [all[2]!.id] } },
      { token: other.token },
    );
    expect(foreign.data!.markNotificationsRead.unreadNotifications).toBe(0);
    expect((await counts(s.seller)).unreadNotifications).toBe(3);
    // Everything up to the newest shown.
    const before = await h.gql<{ markNotificationsRead: { unreadNotifications: number } }>(
      MARK,
      { input: { before: all[3]!.createdAt } },
      { token: s.seller.token },
    );
    expect(before.data!.markNotificationsRead.unreadNotifications).toBe(1);
    expect((await list(s.seller, { unreadOnly: true })).edges.map((e) => e.node.id)).toEqual([all[2]!.id]);
  });

  it('refuses bad markNotificationsRead input with user errors and changes nothing', async () => {
    const s = await scene();
    await publish([orderEvent(s, ['PLACED'])]);
    const id = (await list(s.seller)).edges[0]!.node.id;
    const attempt = async (input: Record<string, unknown>) =>
      (
        await h.gql<{
          markNotificationsRead: { unreadNotifications: number; userErrors: Array<{ code: string; field: string[] | null }> };
        }>(MARK, { input }, { token: s.seller.token })
      ).data!.markNotificationsRead;
    for (const input of [{}, { ids: [id], before: new Date().toISOString() }]) {
      const refused = await attempt(input);
      expect(refused.userErrors.map((e) => e.code)).toEqual(['INVALID']);
      expect(refused.unreadNotifications).toBe(1);
    }
    const tooMany = await attempt({ ids: Array.from({ length: 101 }, () => id) });
    expect(tooMany.userErrors.map((e) => [e.code, e.field])).toEqual([['TOO_LONG', ['input', 'ids']]]);
    const empty = await attempt({ ids: [] });
    expect(empty.userErrors.map((e) => e.code)).toEqual(['TOO_SHORT']);
    expect((await counts(s.seller)).unreadNotifications).toBe(1);
  });

  it('answers UNAUTHENTICATED without a viewer', async () => {
    for (const query of [NOTIFICATIONS, PREFERENCES, COUNTS]) {
      const res = await h.gql(query, {});
      expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    const res = await h.gql(MARK, { input: { before: new Date().toISOString() } });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it("has the contract's default preferences, keeps each choice, and follows IN_APP", async () => {
    const s = await scene();
    const prefs = (
      await h.gql<{ notificationPreferences: Array<{ kind: string; channel: string; enabled: boolean }> }>(
        PREFERENCES,
        {},
        { token: s.seller.token },
      )
    ).data!.notificationPreferences;
    expect(prefs).toHaveLength(42);
    const enabled = (kind: string, channel: string, list = prefs) => list.find((p) => p.kind === kind && p.channel === channel)?.enabled;
    expect(prefs.filter((p) => p.channel === 'IN_APP').every((p) => p.enabled)).toBe(true);
    expect(enabled('ORDER_PLACED', 'EMAIL')).toBe(true);
    expect(enabled('DISPUTE_OPENED', 'EMAIL')).toBe(true);
    expect(enabled('ORDER_COMPLETED', 'EMAIL')).toBe(false);
    expect(enabled('MESSAGE_RECEIVED', 'EMAIL')).toBe(false);
    expect(prefs.filter((p) => p.channel === 'EMAIL' && p.enabled)).toHaveLength(9);

    const updated = await h.gql<{ updateNotificationPreferences: { preferences: typeof prefs; userErrors: unknown[] } }>(
      UPDATE,
      {
        input: {
          preferences: [
            { kind: 'ORDER_PLACED', channel: 'IN_APP', enabled: false },
            { kind: 'MESSAGE_RECEIVED', channel: 'EMAIL', enabled: true },
          ],
        },
      },
      { token: s.seller.token },
    );
    expect(updated.data!.updateNotificationPreferences.userErrors).toEqual([]);
    const after = updated.data!.updateNotificationPreferences.preferences;
    expect(enabled('ORDER_PLACED', 'IN_APP', after)).toBe(false);
    expect(enabled('MESSAGE_RECEIVED', 'EMAIL', after)).toBe(true);
    expect(
      after.filter(
        (p) => !(p.kind === 'ORDER_PLACED' && p.channel === 'IN_APP') && !(p.kind === 'MESSAGE_RECEIVED' && p.channel === 'EMAIL'),
      ),
    ).toEqual(
      prefs.filter(
        (p) => !(p.kind === 'ORDER_PLACED' && p.channel === 'IN_APP') && !(p.kind === 'MESSAGE_RECEIVED' && p.channel === 'EMAIL'),
      ),
    );
    // Off in the app: not listed, not counted (still made for its email).
    await publish([orderEvent(s, ['PLACED'])]);
    expect((await list(s.seller)).totalCount).toBe(0);
    expect((await counts(s.seller)).unreadNotifications).toBe(0);
    const stored = await h.service.models.Notification.find({ recipientId: s.seller.id }).lean().exec();
    expect(stored.map((n) => [n.kind, n.inApp, n.email?.status])).toEqual([['ORDER_PLACED', false, 'PENDING']]);

    const empty = await h.gql<{ updateNotificationPreferences: { preferences: typeof prefs; userErrors: Array<{ code: string }> } }>(
      UPDATE,
      { input: { preferences: [] } },
      { token: s.seller.token },
    );
    expect(empty.data!.updateNotificationPreferences.userErrors.map((e) => e.code)).toEqual(['TOO_SHORT']);
    expect(empty.data!.updateNotificationPreferences.preferences).toEqual(after);
    const unknownKind = await h.gql(
      UPDATE,
      { input: { preferences: [{ kind: 'NOPE', channel: 'EMAIL', enabled: true }] } },
      { token: s.seller.token },
    );
    expect(unknownKind.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it("notifies a message's recipient once, with its conversation", async () => {
    const [a, b] = await Promise.all([h.member(), h.member()]);
    const { conversation } = await h.send(a, b, 'Hi, are you free?');
    const page = await list(b);
    expect(page.edges.map((e) => e.node)).toMatchObject([
      { kind: 'MESSAGE_RECEIVED', text: `m_${a.id.slice(-8)} sent you a message`, conversation: { id: conversation.id }, order: null },
    ]);
    expect((await list(a)).totalCount).toBe(0);
    expect(await counts(b)).toEqual({ unreadConversations: 1, unreadNotifications: 1 });
  });

  it('tells both parties once when an order is past its due date and not delivered', async () => {
    const s = await scene();
    const due = new Date(h.clock.now().getTime() + 3 * DAY);
    await publish([orderEvent(s, ['REQUIREMENTS_SUBMITTED', 'STARTED'], { sequence: 1, dueAt: due })]);
    expect(await h.service.lateOrders.runOnce()).toBe(0);
    h.clock.advance(3 * DAY + 1000);
    await Promise.all([h.service.lateOrders.runOnce(), h.service.lateOrders.runOnce()]);
    await h.service.lateOrders.runOnce();
    const late = async (m: TestMember) => (await list(m)).edges.filter((e) => e.node.kind === 'ORDER_LATE');
    expect((await late(s.buyer)).map((e) => e.node.text)).toEqual(['Order FO1A2B3C4D is past its due date and not delivered yet']);
    expect(await late(s.seller)).toHaveLength(1);
    // An older event arriving late changes nothing; a delivered order is not late.
    const other = await scene();
    await publish([orderEvent(other, ['DELIVERED'], { actorId: other.seller.id, sequence: 3, status: 'DELIVERED', dueAt: h.clock.now() })]);
    await publish([orderEvent(other, ['STARTED'], { sequence: 1, dueAt: new Date(h.clock.now().getTime() - DAY) })]);
    h.clock.advance(1000);
    expect(await h.service.lateOrders.runOnce()).toBe(0);
    expect(await late(other.buyer)).toHaveLength(0);
  });

  it('refuses events without the service credential', async () => {
    const res = await fetch(`${h.url}/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"events":[]}',
    });
    expect(res.status).toBe(401);
  });
});

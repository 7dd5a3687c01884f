import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONVERSATION,
  CONVERSATION_WITH,
  CONVERSATIONS,
  COUNTS,
  countQueries,
  HARNESS_START,
  MARK_READ,
  MESSAGES,
  MINUTE,
  startInboxHarness,
  UPDATE,
  type ConversationPageView,
  type ConversationPayloadView,
  type ConversationView,
  type InboxHarness,
  type MessageView,
  type TestMember,
} from '../../../test/harness.js';

let h: InboxHarness;
beforeAll(async () => {
  h = await startInboxHarness('inbox_conversations');
});
afterAll(() => h?.stop());

async function markRead(member: TestMember, input: Record<string, unknown>): Promise<ConversationPayloadView> {
  return (await h.gql<{ markConversationRead: ConversationPayloadView }>(MARK_READ, { input }, { token: member.token })).data!
    .markConversationRead;
}
async function update(member: TestMember, input: Record<string, unknown>): Promise<ConversationPayloadView> {
  return (await h.gql<{ updateConversation: ConversationPayloadView }>(UPDATE, { input }, { token: member.token })).data!
    .updateConversation;
}
async function view(member: TestMember, id: string): Promise<ConversationView | null> {
  return (await h.gql<{ conversation: ConversationView | null }>(CONVERSATION, { id }, { token: member.token })).data!.conversation;
}
async function list(member: TestMember, variables: Record<string, unknown> = {}): Promise<ConversationPageView> {
  const res = await h.gql<{ conversations: ConversationPageView }>(CONVERSATIONS, variables, { token: member.token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.conversations;
}
async function unreadConversations(member: TestMember): Promise<number> {
  return (await h.gql<{ inboxCounts: { unreadConversations: number } }>(COUNTS, {}, { token: member.token })).data!.inboxCounts
    .unreadConversations;
}
async function thread(member: TestMember, id: string): Promise<MessageView[]> {
  const res = await h.gql<{ conversation: { messages: { edges: Array<{ node: MessageView }> } } }>(
    MESSAGES,
    { id, first: 50 },
    { token: member.token },
  );
  return res.data!.conversation.messages.edges.map((e) => e.node);
}

describe('read state', () => {
  it("counts the counterpart's unread messages per side and marks them read up to a message or all of them", async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const m1 = await h.send(ana, ben, 'One');
    const m2 = await h.send(ana, ben, 'Two');
    await h.send(ben, ana, 'Reply');
    const m3 = await h.send(ana, ben, 'Three');
    const id = m1.conversation.id;
    expect((await view(ben, id))!.unreadCount).toBe(3);
    expect((await view(ana, id))!.unreadCount).toBe(1);
    expect(await unreadConversations(ben)).toBe(1);

    h.clock.advance(5 * MINUTE);
    const upTo = await markRead(ben, { conversationId: id, upToMessageId: m2.message.id });
    expect(upTo).toMatchObject({ userErrors: [], conversation: { unreadCount: 1 } });
    const readAt = new Date(Date.parse(HARNESS_START) + 5 * MINUTE).toISOString();
    expect((await thread(ben, id)).map((m) => [m.body, m.readAt])).toEqual([
      ['Three', null],
      ['Reply', null],
      ['Two', readAt],
      ['One', readAt],
    ]);
    // Marking up to an older message reads nothing more and unreads nothing.
    expect((await markRead(ben, { conversationId: id, upToMessageId: m1.message.id })).conversation!.unreadCount).toBe(1);
    // Up to one of the viewer's own messages: the counterpart's messages before it.
    expect((await markRead(ana, { conversationId: id, upToMessageId: m3.message.id })).conversation!.unreadCount).toBe(0);
    h.clock.advance(MINUTE);
    expect((await markRead(ben, { conversationId: id })).conversation!.unreadCount).toBe(0);
    expect((await thread(ana, id)).map((m) => m.readAt !== null)).toEqual([true, true, true, true]);
    expect(await unreadConversations(ben)).toBe(0);
    h.clock.set(HARNESS_START);
  });

  it('refuses an unknown message, a message of another conversation, and an unknown conversation alike', async () => {
    const [ana, ben, cy] = await Promise.all([h.member(), h.member(), h.member()]);
    const mine = await h.send(ana, ben, 'Ours');
    const other = await h.send(ana, cy, 'Not yours');
    const notHere = { field: ['input', 'upToMessageId'], message: 'There is no such message in this conversation.', code: 'NOT_FOUND' };
    for (const upToMessageId of [other.message.id, 'nope', '0123456789abcdef01234567']) {
      expect((await markRead(ben, { conversationId: mine.conversation.id, upToMessageId })).userErrors).toEqual([notHere]);
    }
    expect((await markRead(ben, { conversationId: other.conversation.id })).userErrors).toEqual([
      { field: ['input', 'conversationId'], message: 'There is no such conversation.', code: 'NOT_FOUND' },
    ]);
  });

  it('counts conversations with unread messages for the badge: archived ones included, blocked ones not', async () => {
    const [me, a, b, c] = await Promise.all([h.member(), h.member(), h.member(), h.member()]);
    const archived = await h.send(a, me, 'Archived but unread');
    await update(me, { conversationId: archived.conversation.id, archived: true });
    const blocked = await h.send(b, me, 'Spam');
    await h.send(c, me, 'Plain');
    expect(await unreadConversations(me)).toBe(3);
    await update(me, { conversationId: blocked.conversation.id, blocked: true });
    expect(await unreadConversations(me)).toBe(2);
    const anonymous = await h.gql<{ inboxCounts: null }>(COUNTS);
    expect(anonymous.data!.inboxCounts).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('flags', () => {
  it('keeps starred and archived per member; a new message from the counterpart takes it out of the archive', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const { conversation } = await h.send(ana, ben, 'Hi');
    expect((await update(ana, { conversationId: conversation.id, starred: true, archived: true })).conversation).toMatchObject({
      starred: true,
      archived: true,
    });
    expect(await view(ben, conversation.id)).toMatchObject({ starred: false, archived: false });
    // Ana's own message leaves her archive alone; Ben's takes it out.
    await h.send(ana, ben, 'One more thing');
    expect(await view(ana, conversation.id)).toMatchObject({ starred: true, archived: true });
    await h.send(ben, ana, 'Yes?');
    expect(await view(ana, conversation.id)).toMatchObject({ starred: true, archived: false });
    expect((await update(ana, { conversationId: conversation.id, starred: false })).conversation).toMatchObject({
      starred: false,
      archived: false,
    });
    expect((await update(ana, { conversationId: conversation.id })).conversation).toMatchObject({ starred: false });
  });

  it('blocks from either side; only the member who blocked lifts it, and then both write again', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const { conversation } = await h.send(ana, ben, 'Hi');
    expect((await update(ben, { conversationId: conversation.id, blocked: true })).conversation).toMatchObject({
      blocked: true,
      blockedByViewer: true,
    });
    expect(await view(ana, conversation.id)).toMatchObject({ blocked: true, blockedByViewer: false });
    expect(await update(ana, { conversationId: conversation.id, blocked: false })).toEqual({
      conversation: null,
      userErrors: [
        {
          field: ['input', 'blocked'],
          message: 'Only the member who blocked this conversation can lift the block.',
          code: 'INVALID_STATE',
        },
      ],
    });
    // Ana may block too; then both blocks must be lifted, each by its member.
    expect((await update(ana, { conversationId: conversation.id, blocked: true })).conversation).toMatchObject({
      blocked: true,
      blockedByViewer: true,
    });
    expect((await update(ben, { conversationId: conversation.id, blocked: false })).conversation).toMatchObject({
      blocked: true,
      blockedByViewer: false,
    });
    expect((await h.attemptSend(ben, { recipientId: ana.id, body: 'Hello?' })).payload!.userErrors[0]!.code).toBe('INVALID_STATE');
    expect((await update(ana, { conversationId: conversation.id, blocked: false })).conversation).toMatchObject({
      blocked: false,
      blockedByViewer: false,
    });
    await h.send(ben, ana, 'Back again');
    await h.send(ana, ben, 'Hi again');
  });
});

describe('visibility', () => {
  it('shows a third member nothing of the pair: null in queries, NOT_FOUND in mutations, the same as for unknown ids', async () => {
    const [ana, ben, eve] = await Promise.all([h.member(), h.member(), h.member()]);
    const { conversation, message } = await h.send(ana, ben, 'Just between us');
    const unknown = '0123456789abcdef01234567';
    for (const id of [conversation.id, unknown, 'nope']) {
      expect(await view(eve, id)).toBeNull();
      const notFound = [{ field: ['input', 'conversationId'], message: 'There is no such conversation.', code: 'NOT_FOUND' }];
      expect(await markRead(eve, { conversationId: id })).toEqual({ conversation: null, userErrors: notFound });
      expect(await update(eve, { conversationId: id, blocked: true })).toEqual({ conversation: null, userErrors: notFound });
    }
    expect(await markRead(eve, { conversationId: conversation.id, upToMessageId: message.id })).toMatchObject({
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'conversationId'] }],
    });
    expect((await h.gql<{ conversation: null }>(CONVERSATION, { id: conversation.id })).data!.conversation).toBeNull();
    for (const userId of [ana.id, ben.id]) {
      expect(
        (await h.gql<{ conversationWith: null }>(CONVERSATION_WITH, { userId }, { token: eve.token })).data!.conversationWith,
      ).toBeNull();
    }
    expect((await list(eve)).totalCount).toBe(0);
    expect(await unreadConversations(eve)).toBe(0);
    // Unchanged by the attempts.
    expect(await view(ben, conversation.id)).toMatchObject({ blocked: false, unreadCount: 1 });
    // The pair themselves find it by the other member.
    expect(
      (await h.gql<{ conversationWith: ConversationView }>(CONVERSATION_WITH, { userId: ana.id }, { token: ben.token })).data!
        .conversationWith.id,
    ).toBe(conversation.id);
    expect(
      (await h.gql<{ conversationWith: null }>(CONVERSATION_WITH, { userId: ben.id }, { token: ben.token })).data!.conversationWith,
    ).toBeNull();
  });

  it('asks for a viewer to list conversations', async () => {
    const res = await h.gql(CONVERSATIONS, {});
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('conversations', () => {
  it("lists the viewer's conversations most recently active first, with filters and paging", async () => {
    const me = await h.member();
    const others = await Promise.all(Array.from({ length: 7 }, () => h.member()));
    const ids: string[] = [];
    for (const [i, other] of others.entries()) {
      h.clock.advance(MINUTE);
      // Some opened by me (I am `a` or `b` depending on the ids), some by them.
      ids.push((i % 2 ? await h.send(me, other, `To ${i}`) : await h.send(other, me, `From ${i}`)).conversation.id);
    }
    h.clock.advance(MINUTE);
    await h.send(others[1]!, me, 'Bump'); // conversation 1 becomes the most recent
    const expected = [ids[1], ids[6], ids[5], ids[4], ids[3], ids[2], ids[0]];
    const first = await list(me, { first: 3 });
    expect(first.totalCount).toBe(7);
    expect(first.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 3));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await list(me, { first: 3, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.id)).toEqual(expected.slice(3, 6));
    const third = await list(me, { first: 3, after: second.pageInfo.endCursor });
    expect(third.edges.map((e) => e.node.id)).toEqual(expected.slice(6));
    expect(third.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    await update(me, { conversationId: ids[6], starred: true });
    await update(me, { conversationId: ids[4], starred: true, archived: true });
    await update(me, { conversationId: ids[5], archived: true });
    await markRead(me, { conversationId: ids[0] });
    await markRead(me, { conversationId: ids[2] });
    const names = async (filter: Record<string, unknown>) => (await list(me, { filter })).edges.map((e) => ids.indexOf(e.node.id));
    expect(await names({})).toEqual([1, 6, 3, 2, 0]);
    expect(await names({ archived: true })).toEqual([5, 4]);
    expect(await names({ starred: true })).toEqual([6]);
    expect(await names({ starred: true, archived: true })).toEqual([4]);
    expect(await names({ starred: false })).toEqual([1, 3, 2, 0]);
    // Unread: a message from the counterpart I have not read (1, 6; I read 0 and 2, 4 is archived; the
    // odd ones I opened, and only 1 got an answer).
    expect(await names({ unreadOnly: true })).toEqual([1, 6]);
    expect(await names({ unreadOnly: true, archived: true })).toEqual([4]);
    const counterpart = (await list(me, { first: 1 })).edges[0]!.node;
    expect(counterpart).toMatchObject({
      counterpart: { id: others[1]!.id },
      lastMessage: { body: 'Bump', author: { id: others[1]!.id } },
      unreadCount: 1,
    });

    const bad = await h.gql(CONVERSATIONS, { first: 0 }, { token: me.token });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const badCursor = await h.gql(CONVERSATIONS, { after: 'nope' }, { token: me.token });
    expect(badCursor.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    h.clock.set(HARNESS_START);
  });

  it('costs the same database commands for a page of 20 conversations with their last messages as for a page of 5', async () => {
    const me = await h.member();
    const others = await Promise.all(Array.from({ length: 22 }, () => h.member()));
    for (const [i, other] of others.entries()) {
      h.clock.advance(1000);
      if (i % 2) await h.send(other, me, `Hello ${i}`);
      else await h.send(me, other, `Hi ${i}`);
    }
    const page = `query ($first: Int) { conversations(first: $first) { edges { node { id counterpart { id } unreadCount starred updatedAt
      lastMessage { id body sentAt readAt author { id } conversation { id } } } } } }`;
    const run = (first: number) =>
      countQueries(h.service.connection, () =>
        h.gql<{ conversations: { edges: Array<{ node: ConversationView }> } }>(page, { first }, { token: me.token }),
      );
    const small = await run(5);
    const large = await run(20);
    expect(small.result.data!.conversations.edges).toHaveLength(5);
    expect(large.result.data!.conversations.edges).toHaveLength(20);
    expect(large.result.data!.conversations.edges.every((e) => e.node.lastMessage !== null)).toBe(true);
    expect(small.ops.sort()).toEqual(['conversations.find', 'conversations.find', 'messages.find']);
    expect(large.ops.sort()).toEqual(small.ops);
    h.clock.set(HARNESS_START);
  });
});

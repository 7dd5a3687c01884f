import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpSeller, type Actor } from './actors.js';

interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}
interface ConversationView {
  id: string;
  counterpart: { id: string; username: string; displayName: string } | null;
  unreadCount: number;
  lastMessage: { body: string; author: { username: string } | null } | null;
  messages: { totalCount: number; edges: Array<{ node: { body: string; author: { username: string } | null; readAt: string | null } }> };
}

const CONVERSATION_FIELDS = `id unreadCount counterpart { id username displayName } lastMessage { body author { username } }
  messages(first: 10) { totalCount edges { node { body readAt author { username } } } }`;
const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) {
  message { id body author { id username } } conversation { ${CONVERSATION_FIELDS} } userErrors { field message code } } }`;

describe('the inbox through the gateway', () => {
  let stack: TestStack;
  let ana: Actor;
  let ben: Actor;
  let eve: Actor;

  beforeAll(async () => {
    stack = await startTestStack();
    [ana, ben, eve] = await Promise.all([signUp(stack), signUpSeller(stack), signUp(stack)]);
  });
  afterAll(() => stack?.stop());

  async function send(from: Actor, to: Actor, body: string) {
    const res = await from.gql<{
      sendMessage: { message: { id: string } | null; conversation: ConversationView | null; userErrors: UserErrorView[] };
    }>(SEND, {
      input: { recipientId: to.id, body },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sendMessage.userErrors).toEqual([]);
    return res.data!.sendMessage;
  }

  it('lets two real members write to each other, shows a third nothing, and resolves the counterpart in the users subgraph', async () => {
    const first = await send(ana, ben, 'Hi Ben, could you design a logo for my bakery?');
    const id = first.conversation!.id;
    expect(first.conversation).toMatchObject({ counterpart: { id: ben.id, username: ben.username }, unreadCount: 0 });
    const reply = await send(ben, ana, 'Gladly! What is it called?');
    expect(reply.conversation!.id).toBe(id);

    // Ana's inbox: one conversation with Ben (the users subgraph's User), one unread message.
    const inbox = await ana.gql<{
      conversations: { totalCount: number; edges: Array<{ node: ConversationView }> };
      inboxCounts: { unreadConversations: number };
    }>(`{ conversations { totalCount edges { node { ${CONVERSATION_FIELDS} } } } inboxCounts { unreadConversations } }`);
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.inboxCounts).toEqual({ unreadConversations: 1 });
    expect(inbox.data!.conversations.totalCount).toBe(1);
    const seen = inbox.data!.conversations.edges[0]!.node;
    expect(seen).toMatchObject({
      id,
      unreadCount: 1,
      counterpart: { id: ben.id, username: ben.username, displayName: expect.any(String) },
      lastMessage: { body: 'Gladly! What is it called?', author: { username: ben.username } },
    });
    expect(seen.messages.edges.map((e) => [e.node.author?.username, e.node.body])).toEqual([
      [ben.username, 'Gladly! What is it called?'],
      [ana.username, 'Hi Ben, could you design a logo for my bakery?'],
    ]);

    const read = await ana.gql<{ markConversationRead: { conversation: { unreadCount: number } | null; userErrors: UserErrorView[] } }>(
      'mutation ($input: ConversationIdInput!) { markConversationRead(input: $input) { conversation { unreadCount } userErrors { field message code } } }',
      { input: { conversationId: id } },
    );
    expect(read.data!.markConversationRead).toEqual({ conversation: { unreadCount: 0 }, userErrors: [] });
    const benSide = await ben.gql<{ conversationWith: ConversationView }>(
      `query ($userId: ID!) { conversationWith(userId: $userId) { ${CONVERSATION_FIELDS} } }`,
      { userId: ana.id },
    );
    expect(benSide.data!.conversationWith.messages.edges.map((e) => e.node.readAt !== null)).toEqual([true, false]);

    // Eve, a third member, sees nothing of it, the same as for an id that does not exist.
    const asEve = await eve.gql<{
      conversation: null;
      a: null;
      b: null;
      conversations: { totalCount: number };
      inboxCounts: { unreadConversations: number };
    }>(
      `query ($id: ID!, $ana: ID!, $ben: ID!) { conversation(id: $id) { id } a: conversationWith(userId: $ana) { id } b: conversationWith(userId: $ben) { id }
        conversations { totalCount } inboxCounts { unreadConversations } }`,
      { id, ana: ana.id, ben: ben.id },
    );
    expect(asEve.errors).toBeUndefined();
    expect(asEve.data).toEqual({
      conversation: null,
      a: null,
      b: null,
      conversations: { totalCount: 0 },
      inboxCounts: { unreadConversations: 0 },
    });
    const update = await eve.gql<{ updateConversation: { conversation: null; userErrors: UserErrorView[] } }>(
      'mutation ($input: UpdateConversationInput!) { updateConversation(input: $input) { conversation { id } userErrors { field message code } } }',
      { input: { conversationId: id, blocked: true } },
    );
    expect(update.data!.updateConversation).toEqual({
      conversation: null,
      userErrors: [{ field: ['input', 'conversationId'], message: 'There is no such conversation.', code: 'NOT_FOUND' }],
    });

    // Writing to an unknown member is refused by asking the real users service.
    const unknown = await ana.gql<{ sendMessage: { userErrors: UserErrorView[] } }>(SEND, {
      input: { recipientId: '0123456789abcdef01234567', body: 'Anyone?' },
    });
    expect(unknown.data!.sendMessage.userErrors).toEqual([
      { field: ['input', 'recipientId'], message: 'There is no such member.', code: 'NOT_FOUND' },
    ]);

    // Ben is a seller: his response figures show on his User, public; Ana is not: null.
    const users = await eve.gql<{
      seller: { responseRate: number | null; responseTimeMinutes: number | null };
      buyer: { responseRate: number | null };
    }>(
      'query ($ben: ID!, $ana: ID!) { seller: user(id: $ben) { responseRate responseTimeMinutes } buyer: user(id: $ana) { responseRate } }',
      { ben: ben.id, ana: ana.id },
    );
    expect(users.errors).toBeUndefined();
    expect(users.data).toEqual({ seller: { responseRate: 1, responseTimeMinutes: 0 }, buyer: { responseRate: null } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, MESSAGES, MINUTE, startInboxHarness, type InboxHarness, type MessageView } from '../../../test/harness.js';

let h: InboxHarness;
beforeAll(async () => {
  h = await startInboxHarness('inbox_messages');
});
afterAll(() => h?.stop());

describe('sendMessage', () => {
  it('opens the conversation with the first message and writes in it afterwards, from both sides', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const first = await h.send(ana, ben, '  Hi Ben!\n\nCan you draw a fox?  ');
    expect(first.message).toMatchObject({ body: 'Hi Ben!\n\nCan you draw a fox?', author: { id: ana.id }, readAt: null });
    expect(first.message.conversation.id).toBe(first.conversation.id);
    expect(first.conversation).toMatchObject({ counterpart: { id: ben.id }, unreadCount: 0, lastMessage: { id: first.message.id } });
    h.clock.advance(HOUR);
    const reply = await h.send(ben, ana, 'Sure, when?');
    expect(reply.conversation).toMatchObject({
      id: first.conversation.id,
      counterpart: { id: ana.id },
      unreadCount: 1,
      lastMessage: { body: 'Sure, when?' },
    });
    expect(new Date(reply.conversation.updatedAt).getTime() - new Date(first.conversation.updatedAt).getTime()).toBe(HOUR);
  });

  it('refuses a caller who is not signed in, and a signed-in member who does not exist', async () => {
    const ben = await h.member();
    const anonymous = await h.gql('mutation { sendMessage(input: { recipientId: "x", body: "hi" }) { userErrors { code } } }');
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const { errors } = await h.attemptSend(await h.ghost(), { recipientId: ben.id, body: 'hi' });
    expect(errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses writing to oneself and to unknown or malformed member ids', async () => {
    const ana = await h.member();
    expect((await h.attemptSend(ana, { recipientId: ana.id, body: 'Note to self' })).payload).toEqual({
      message: null,
      conversation: null,
      userErrors: [{ field: ['input', 'recipientId'], message: 'You cannot write to yourself.', code: 'INVALID' }],
    });
    const stranger = (await h.ghost()).id;
    for (const recipientId of [stranger, 'nope']) {
      expect((await h.attemptSend(ana, { recipientId, body: 'Hello?' })).payload!.userErrors).toEqual([
        { field: ['input', 'recipientId'], message: 'There is no such member.', code: 'NOT_FOUND' },
      ]);
    }
  });

  it('takes a body of 1-5000 characters, counted in characters, and refuses attachments for now', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const refused = async (input: Record<string, unknown>) =>
      (await h.attemptSend(ana, { recipientId: ben.id, ...input })).payload!.userErrors;
    expect(await refused({ body: '' })).toEqual([{ field: ['input', 'body'], message: 'A message must not be empty.', code: 'TOO_SHORT' }]);
    expect(await refused({ body: ' \n\t ' })).toEqual([
      { field: ['input', 'body'], message: 'A message must not be empty.', code: 'TOO_SHORT' },
    ]);
    expect(await refused({ body: 'x'.repeat(5001) })).toEqual([
      { field: ['input', 'body'], message: 'A message must be at most 5000 characters.', code: 'TOO_LONG' },
    ]);
    // This inbox has no media service to check files with: attachments are unavailable, and nothing is sent.
    const withFile = await h.attemptSend(ana, {
      recipientId: ben.id,
      body: 'Here is the brief',
      attachmentIds: ['0123456789abcdef01234567'],
    });
    expect(withFile.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect((await h.send(ana, ben, '🦊'.repeat(5000))).message.body).toHaveLength(10_000);
    expect((await h.send(ana, ben, 'No files', { attachmentIds: [] })).message.body).toBe('No files');
  });

  it('refuses the 21st new conversation of a member in a day, not messages in existing ones, and allows it the next day', async () => {
    h.clock.set('2026-07-01T00:30:00.000Z');
    const busy = await h.member();
    const others = await Promise.all(Array.from({ length: 22 }, () => h.member()));
    for (const other of others.slice(0, 20)) await h.send(busy, other, 'Hi, are you available?');
    h.clock.advance(20 * HOUR);
    const over = await h.attemptSend(busy, { recipientId: others[20]!.id, body: 'Hi, are you available?' });
    expect(over.payload!.userErrors).toEqual([
      {
        field: null,
        message: 'You can open at most 20 new conversations a day: write in the ones you have, or try again tomorrow (UTC).',
        code: 'LIMIT_REACHED',
      },
    ]);
    // Existing conversations are not limited, and others may still open one with the busy member.
    await h.send(busy, others[0]!, 'Following up');
    await h.send(others[21]!, busy, 'Hi busy, I have a question');
    await h.send(busy, others[21]!, 'Ask away');
    h.clock.advance(4 * HOUR);
    await h.send(busy, others[20]!, 'Hi, are you available?');
    h.clock.set('2026-06-01T10:00:00.000Z');
  });

  it('does not send twice when the first call with a key died after storing its message, and runs again when it died before', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const input = { recipientId: ben.id, body: 'Sent before a crash', idempotencyKey: 'crash-1' };
    const first = await h.attemptSend(ana, input);
    // As if the process died between storing the message and recording it with the key.
    await h.service.models.IdempotencyKey.updateOne({ memberId: ana.id, key: 'crash-1' }, { $set: { resultId: null } }).exec();
    h.clock.advance(2 * MINUTE); // the key's call is then taken for dead
    const retried = await h.attemptSend(ana, input);
    expect(retried.payload!.userErrors).toEqual([]);
    expect(retried.payload!.message!.id).toBe(first.payload!.message!.id);
    expect(await h.service.models.Message.countDocuments({ authorId: ana.id }).exec()).toBe(1);

    // Died before storing anything (its planned message is not there): the retry sends it.
    const lost = { recipientId: ben.id, body: 'Lost in a crash', idempotencyKey: 'crash-2' };
    const gone = await h.attemptSend(ana, lost);
    await h.service.models.Message.deleteOne({ _id: gone.payload!.message!.id }).exec();
    await h.service.models.IdempotencyKey.updateOne({ memberId: ana.id, key: 'crash-2' }, { $set: { resultId: null } }).exec();
    h.clock.advance(2 * MINUTE);
    const sent = await h.attemptSend(ana, lost);
    expect(sent.payload!.userErrors).toEqual([]);
    expect(sent.payload!.message!.id).not.toBe(gone.payload!.message!.id);
    expect(await h.service.models.Message.countDocuments({ authorId: ana.id, body: 'Lost in a crash' }).exec()).toBe(1);
    h.clock.set('2026-06-01T10:00:00.000Z');
  });

  it('returns the first message for a repeated idempotency key and refuses the key with another input', async () => {
    const [ana, ben, cy] = await Promise.all([h.member(), h.member(), h.member()]);
    const input = { recipientId: ben.id, body: 'Only once, please', idempotencyKey: 'send-1' };
    const first = await h.attemptSend(ana, input);
    const again = await h.attemptSend(ana, input);
    expect(again.payload!.userErrors).toEqual([]);
    expect(again.payload!.message!.id).toBe(first.payload!.message!.id);
    const other = await h.attemptSend(ana, { ...input, body: 'Something else' });
    expect(other.payload!.userErrors).toEqual([
      {
        field: ['input', 'idempotencyKey'],
        message: 'This idempotency key was already used with a different input: use a new key for a new request.',
        code: 'INVALID',
      },
    ]);
    // Scoped to the member: another member's key of the same name is theirs.
    await h.send(cy, ben, 'Only once, please', { idempotencyKey: 'send-1' });
    const thread = await h.gql<{ conversation: { messages: { totalCount: number } } }>(
      MESSAGES,
      { id: first.payload!.conversation!.id },
      { token: ana.token },
    );
    expect(thread.data!.conversation.messages.totalCount).toBe(1);
    // Concurrent repeats: one message.
    const keyed = { recipientId: ben.id, body: 'At the same time', idempotencyKey: 'send-2' };
    const results = await Promise.all(Array.from({ length: 5 }, () => h.attemptSend(ana, keyed)));
    expect(new Set(results.map((r) => r.payload!.message!.id)).size).toBe(1);
    const after = await h.gql<{ conversation: { messages: { totalCount: number } } }>(
      MESSAGES,
      { id: first.payload!.conversation!.id },
      { token: ana.token },
    );
    expect(after.data!.conversation.messages.totalCount).toBe(2);
    // A refused send gives its key up: the same request works once the reason is gone.
    const refused = await h.attemptSend(ana, { recipientId: ana.id, body: 'x', idempotencyKey: 'send-3' });
    expect(refused.payload!.userErrors[0]!.code).toBe('INVALID');
    expect((await h.attemptSend(ana, { recipientId: ben.id, body: 'x', idempotencyKey: 'send-3' })).payload!.userErrors).toEqual([]);
    expect((await h.attemptSend(ana, { recipientId: ben.id, body: 'x', idempotencyKey: '' })).payload!.userErrors[0]).toMatchObject({
      field: ['input', 'idempotencyKey'],
      code: 'TOO_SHORT',
    });
    expect(
      (await h.attemptSend(ana, { recipientId: ben.id, body: 'x', idempotencyKey: 'k'.repeat(256) })).payload!.userErrors[0],
    ).toMatchObject({
      field: ['input', 'idempotencyKey'],
      code: 'TOO_LONG',
    });
  });

  it('gives two members who write to each other at the same moment one conversation, counted as opened by one of them', async () => {
    let raced = 0;
    for (let round = 0; round < 5; round += 1) {
      const [ana, ben] = await Promise.all([h.member(), h.member()]);
      const [a, b] = await Promise.all([h.send(ana, ben, 'Hi Ben'), h.send(ben, ana, 'Hi Ana')]);
      expect(a.conversation.id).toBe(b.conversation.id);
      const thread = await h.gql<{ conversation: { messages: { totalCount: number; edges: Array<{ node: MessageView }> } } }>(
        MESSAGES,
        { id: a.conversation.id },
        { token: ana.token },
      );
      expect(thread.data!.conversation.messages.totalCount).toBe(2);
      expect(await h.service.models.Conversation.countDocuments({ aId: { $in: [ana.id, ben.id] }, bId: { $in: [ana.id, ben.id] } })).toBe(
        1,
      );
      // The loser of the race gave its opening back: one opening between them.
      const windows = await h.service.models.OpeningWindow.find({ memberId: { $in: [ana.id, ben.id] } }).lean();
      expect(windows.reduce((sum, w) => sum + w.count, 0)).toBe(1);
      if (windows.length === 2) raced += 1;
    }
    // Both reserved an opening at least once: the unique pair decided, not the order of arrival.
    expect(raced).toBeGreaterThan(0);
  });

  it('refuses writing in a blocked conversation, from either side', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const { conversation } = await h.send(ana, ben, 'Hi');
    await h.gql(
      'mutation ($input: UpdateConversationInput!) { updateConversation(input: $input) { userErrors { code } } }',
      {
        input: { conversationId: conversation.id, blocked: true },
      },
      { token: ben.token },
    );
    for (const [from, to] of [
      [ana, ben],
      [ben, ana],
    ] as const) {
      expect((await h.attemptSend(from, { recipientId: to.id, body: 'Still there?' })).payload!.userErrors).toEqual([
        {
          field: null,
          message: 'This conversation is blocked: nobody can write in it until the member who blocked it lifts the block.',
          code: 'INVALID_STATE',
        },
      ]);
    }
  });
});

describe('Conversation.messages', () => {
  it('pages back through the thread, newest first, without repeating or missing a message', async () => {
    const [ana, ben] = await Promise.all([h.member(), h.member()]);
    const sent: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const from = i % 3 === 0 ? ben : ana;
      sent.push((await h.send(from, from === ana ? ben : ana, `Message ${i}`)).message.id);
      if (i % 5 === 0) h.clock.advance(1000);
    }
    const conversationId = (await h.send(ana, ben, 'Last one')).conversation.id;
    sent.push('last');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: {
        data?: {
          conversation: { messages: { edges: Array<{ node: MessageView }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        } | null;
      } = await h.gql(MESSAGES, { id: conversationId, first: 10, after }, { token: ben.token });
      const page = res.data!.conversation.messages;
      seen.push(...page.edges.map((e) => e.node.body));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Last one', ...Array.from({ length: 23 }, (_, i) => `Message ${22 - i}`)]);
    // The default page is 30; `first` is 1-50.
    const bad = await h.gql(MESSAGES, { id: conversationId, first: 51 }, { token: ana.token });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    h.clock.set('2026-06-01T10:00:00.000Z');
  });

  it('is there only for the two members: a third member and anonymous callers see no conversation and no message', async () => {
    const [ana, ben, eve] = await Promise.all([h.member(), h.member(), h.member()]);
    const { message, conversation } = await h.send(ana, ben, 'Private');
    for (const token of [eve.token, undefined]) {
      expect((await h.gql<{ conversation: unknown }>(MESSAGES, { id: conversation.id }, { token })).data!.conversation).toBeNull();
      const refs = await h.gql<{ _entities: unknown[] }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Message { id body } ... on Conversation { id } } }',
        {
          r: [
            { __typename: 'Message', id: message.id },
            { __typename: 'Conversation', id: conversation.id },
          ],
        },
        { token },
      );
      expect(refs.data!._entities).toEqual([null, null]);
    }
    const own = await h.gql<{ _entities: unknown[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Message { id body } } }',
      {
        r: [{ __typename: 'Message', id: message.id }],
      },
      { token: ben.token },
    );
    expect(own.data!._entities).toEqual([{ id: message.id, body: 'Private' }]);
  });
});

it('keeps idempotency keys at least 24 hours and lets the cleanup job delete them later', async () => {
  const [ana, ben] = await Promise.all([h.member(), h.member()]);
  const input = { recipientId: ben.id, body: 'Kept', idempotencyKey: 'kept-key' };
  const first = (await h.attemptSend(ana, input)).payload!.message!.id;
  h.clock.advance(DAY + HOUR);
  await h.service.runCleanup();
  expect((await h.attemptSend(ana, input)).payload!.message!.id).toBe(first);
  h.clock.advance(2 * DAY);
  await h.service.runCleanup();
  expect((await h.attemptSend(ana, input)).payload!.message!.id).not.toBe(first);
  h.clock.set('2026-06-01T10:00:00.000Z');
});

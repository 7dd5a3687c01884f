import { describe, expect, it } from 'vitest';
import { pageKey, withNewestPage, withOlderPage, type MessagePage, type Thread } from '../src/thread.js';

interface Msg {
  id: string;
  sentAt: string;
  readAt?: string | null;
  offer?: { status: string } | null;
}

/** Message n of a conversation: ids and times grow with n. */
const msg = (n: number, readAt: string | null = null): Msg => ({
  id: `m${String(n).padStart(3, '0')}`,
  sentAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
  readAt,
});

/** The page the server gives for `first: size` after the message `afterN` (newest first). */
function page(total: number, size: number, afterN: number | null = null): MessagePage<Msg> {
  const start = afterN === null ? total : afterN - 1;
  const nodes: Msg[] = [];
  for (let n = start; n >= 1 && nodes.length < size; n--) nodes.push(msg(n));
  const oldest = nodes[nodes.length - 1];
  return {
    edges: nodes.map((node) => ({ node })),
    pageInfo: { hasNextPage: oldest !== undefined && oldest.id !== 'm001', endCursor: oldest ? `after-${oldest.id}` : null },
  };
}

const numbers = (thread: Thread<Msg>): number[] => thread.messages.map((m) => Number(m.id.slice(1)));
const range = (from: number, to: number): number[] => Array.from({ length: from - to + 1 }, (_, i) => from - i);

describe('the messages of a thread page', () => {
  it('starts from the newest page and pages back to the first message', () => {
    let thread = withNewestPage(null, page(45, 20));
    expect(numbers(thread)).toEqual(range(45, 26));
    expect(thread.olderCursor).toBe('after-m026');
    thread = withOlderPage(thread, 'after-m026', page(45, 20, 26));
    expect(numbers(thread)).toEqual(range(45, 6));
    thread = withOlderPage(thread, 'after-m006', page(45, 20, 6));
    expect(numbers(thread)).toEqual(range(45, 1));
    expect(thread.olderCursor).toBeNull();
  });

  it('keeps the messages a refetched newest page pushed out, and the place to continue', () => {
    let thread = withNewestPage(null, page(40, 20));
    thread = withOlderPage(thread, 'after-m021', page(40, 20, 21));
    // Three new messages: the newest page now ends at 24, so 23..21 are only in what was seen.
    thread = withNewestPage(thread, page(43, 20));
    expect(numbers(thread)).toEqual(range(43, 1));
    expect(thread.olderCursor).toBeNull();
  });

  it('starts over from the newest page when it no longer reaches what is shown (no hidden gap)', () => {
    let thread = withNewestPage(null, page(30, 20));
    thread = withNewestPage(thread, page(60, 20));
    expect(numbers(thread)).toEqual(range(60, 41));
    expect(thread.olderCursor).toBe('after-m041');
  });

  it('takes the newer version of a message (read since)', () => {
    const first = withNewestPage(null, page(3, 20));
    const read: MessagePage<Msg> = {
      edges: [3, 2, 1].map((n) => ({ node: msg(n, '2026-11-02T00:00:00.000Z') })),
      pageInfo: { hasNextPage: false, endCursor: 'after-m001' },
    };
    const thread = withNewestPage(first, read);
    expect(thread.messages.every((m) => m.readAt !== null)).toBe(true);
  });

  it('ignores an older page that arrives after the thread started over', () => {
    const thread = withNewestPage(null, page(60, 20));
    expect(withOlderPage(thread, 'after-m011', page(60, 20, 11))).toBe(thread);
  });

  it('orders messages of the same millisecond by id, newest first', () => {
    const sentAt = '2026-11-01T00:00:00.000Z';
    const thread = withNewestPage(null, {
      edges: [{ node: { id: 'b', sentAt } }, { node: { id: 'a', sentAt } }],
      pageInfo: { hasNextPage: true, endCursor: 'after-a' },
    });
    const merged = withOlderPage(thread, 'after-a', {
      edges: [{ node: { id: 'c', sentAt } }],
      pageInfo: { hasNextPage: false, endCursor: 'after-c' },
    });
    expect(merged.messages.map((m) => m.id)).toEqual(['c', 'b', 'a']);
  });

  it('knows a page by its messages, their read state and where it ends', () => {
    expect(pageKey(page(30, 20))).toBe(pageKey(page(30, 20)));
    expect(pageKey(page(31, 20))).not.toBe(pageKey(page(30, 20)));
    const read: MessagePage<Msg> = { ...page(3, 20), edges: [3, 2, 1].map((n) => ({ node: msg(n, '2026-11-02T00:00:00.000Z') })) };
    expect(pageKey(read)).not.toBe(pageKey(page(3, 20)));
  });

  it("takes in the newest page again when an offer's status changes, and shows the new status", () => {
    const withOffer = (status: string): MessagePage<Msg> => ({
      ...page(3, 20),
      edges: [3, 2, 1].map((n) => ({ node: n === 3 ? { ...msg(n), offer: { status } } : msg(n) })),
    });
    expect(pageKey(withOffer('ACCEPTED'))).not.toBe(pageKey(withOffer('PENDING')));
    const thread = withNewestPage(withNewestPage(null, withOffer('PENDING')), withOffer('ACCEPTED'));
    expect(thread.messages[0]?.offer?.status).toBe('ACCEPTED');
  });
});

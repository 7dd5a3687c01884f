/**
 * The messages a thread page shows, newest first, put together from pages of
 * `Conversation.messages(first, after)`:
 *
 * - the newest page, which the page's query fetches again whenever the conversation changes (a
 *   message sent, read marks), so new messages appear at the top;
 * - older pages, loaded one after another with "Older messages" (`after` = the oldest loaded
 *   page's `endCursor`).
 *
 * Cursors are keyset positions, so an older page stays valid while new messages arrive. Refetching
 * the newest page can push messages out of it (a page of 20 after 3 new messages no longer holds
 * the 3 oldest of before): they stay shown because the thread keeps every message it has seen. When
 * so many arrived that the new newest page does not reach what is shown, the thread starts over
 * from that page (a gap would otherwise be invisible).
 */

export interface ThreadMessageLike {
  readonly id: string;
  readonly sentAt: string;
  readonly readAt?: string | null;
  /** A custom offer the message carries: its status changes while the message stays. */
  readonly offer?: { readonly status: string } | null;
}

export interface MessagePage<M extends ThreadMessageLike> {
  readonly edges: ReadonlyArray<{ readonly node: M }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null | undefined };
}

export interface Thread<M extends ThreadMessageLike> {
  /** Newest first, each message once. */
  readonly messages: readonly M[];
  /** Where "Older messages" continues; null when the oldest message is shown. */
  readonly olderCursor: string | null;
}

/** Newest first; the id breaks ties between messages of the same millisecond, as the server does. */
function newestFirst<M extends ThreadMessageLike>(a: M, b: M): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every message of both lists once, the later list's version winning (a readAt that appeared, an offer's new status). */
function union<M extends ThreadMessageLike>(known: readonly M[], fresh: readonly M[]): M[] {
  const byId = new Map<string, M>();
  for (const m of known) byId.set(m.id, m);
  for (const m of fresh) byId.set(m.id, m);
  return [...byId.values()].sort(newestFirst);
}

const cursorAfter = <M extends ThreadMessageLike>(page: MessagePage<M>): string | null =>
  page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;

/** The thread after a (re)fetch of the newest page. */
export function withNewestPage<M extends ThreadMessageLike>(thread: Thread<M> | null, page: MessagePage<M>): Thread<M> {
  const fresh = page.edges.map((e) => e.node);
  const fromPage: Thread<M> = { messages: fresh, olderCursor: cursorAfter(page) };
  // Nothing shown yet, or the page holds the whole conversation.
  if (thread === null || !page.pageInfo.hasNextPage) return fromPage;
  const oldestOfPage = fresh[fresh.length - 1];
  const reaches = oldestOfPage !== undefined && thread.messages.some((m) => m.id === oldestOfPage.id);
  if (!reaches) return fromPage;
  return { messages: union(thread.messages, fresh), olderCursor: thread.olderCursor };
}

/**
 * The thread after "Older messages" loaded the page after `after`; unchanged when the thread no
 * longer continues there (it started over from a newer page while the older one was loading).
 */
export function withOlderPage<M extends ThreadMessageLike>(thread: Thread<M>, after: string, page: MessagePage<M>): Thread<M> {
  if (thread.olderCursor !== after) return thread;
  return {
    messages: union(
      thread.messages,
      page.edges.map((e) => e.node),
    ),
    olderCursor: cursorAfter(page),
  };
}

/**
 * What a page holds, as a string: a page is taken into the thread when this changes, not whenever
 * a result object is new (the same answer again changes nothing).
 */
export function pageKey<M extends ThreadMessageLike>(page: MessagePage<M>): string {
  const messages = page.edges.map(({ node }) => `${node.id}:${node.readAt ?? ''}:${node.offer?.status ?? ''}`).join(',');
  return `${page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? '') : 'end'}|${messages}`;
}

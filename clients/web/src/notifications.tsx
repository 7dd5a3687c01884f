import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from './gql';
import type { NotificationItemFragment } from './gql/graphql';
import { formatDateTime } from './format';

const InboxCounts = graphql(`
  query InboxCounts {
    inboxCounts {
      unreadConversations
      unreadNotifications
    }
  }
`);

/** Pushed by the gateway each time one of the viewer's counts changes (a message, a notification, a read). */
const InboxCountsLive = graphql(`
  subscription InboxCountsLive {
    inboxCountsChanged {
      unreadConversations
      unreadNotifications
    }
  }
`);

export const NotificationItem = graphql(`
  fragment NotificationItem on Notification {
    id
    kind
    text
    createdAt
    readAt
    order {
      id
    }
    conversation {
      id
    }
  }
`);

const Notifications = graphql(`
  query Notifications($first: Int!) {
    notifications(first: $first) {
      totalCount
      edges {
        node {
          ...NotificationItem
        }
      }
    }
  }
`);

const MarkNotificationsRead = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      unreadNotifications
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** How many notifications the bell's list shows. */
const BELL_SIZE = 10;

export interface Counts {
  unreadConversations: number;
  unreadNotifications: number;
}

/**
 * The viewer's unread counts, live: fetched, and fetched again at each `inboxCountsChanged` push (so
 * the header shows one consistent answer, the query's) and on each new page (in case the connection
 * was down meanwhile).
 */
export function useInboxCounts(): { counts: Counts; refetch: () => void } {
  const [{ data }, refetch] = useQuery({ query: InboxCounts, requestPolicy: 'cache-and-network' });
  const [{ data: live }] = useSubscription({ query: InboxCountsLive });
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    refetch({ requestPolicy: 'network-only' });
  }, [pathname, live, refetch]);
  // Until the refetch answers, the pushed counts are the newest.
  const pushed = live?.inboxCountsChanged;
  const [shownPush, setShownPush] = useState<typeof pushed>(undefined);
  const [fetchedAtPush, setFetchedAtPush] = useState<typeof data>(undefined);
  if (pushed !== shownPush) {
    setShownPush(pushed);
    setFetchedAtPush(data);
  }
  const counts = pushed && data === fetchedAtPush ? pushed : data?.inboxCounts;
  return {
    counts: counts ?? { unreadConversations: 0, unreadNotifications: 0 },
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}

/** "Inbox" in the header, with the number of conversations that have unread messages. */
export function InboxLink({ unread }: { unread: number }) {
  return (
    <NavLink to="/inbox">
      Inbox
      {unread > 0 && (
        <span className="nav-count" data-testid="inbox-unread">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </NavLink>
  );
}

/** Where a notification leads: its order, else its conversation. */
function linkOf(n: NotificationItemFragment): string | null {
  if (n.order) return `/orders/${n.order.id}`;
  if (n.conversation) return `/inbox/${n.conversation.id}`;
  return null;
}

/**
 * The bell in the header: the number of unread notifications (live), and a list of the newest ones.
 * Opening an item marks it read; "Mark all read" marks read everything up to the newest shown.
 */
export function NotificationBell({ unread, onRead }: { unread: number; onRead: () => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: Notifications,
    variables: { first: BELL_SIZE },
    requestPolicy: 'network-only',
    pause: !open,
  });
  const [, markRead] = useMutation(MarkNotificationsRead);

  // A new unread count while the list is open: show the new notifications too.
  const shownUnread = useRef(unread);
  useEffect(() => {
    if (open && unread !== shownUnread.current) refetch({ requestPolicy: 'network-only' });
    shownUnread.current = unread;
  }, [open, unread, refetch]);

  // Closes on a click elsewhere and on Escape.
  useEffect(() => {
    if (!open) return;
    const onClick = (event: MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const items = data?.notifications.edges.map((e) => e.node) ?? [];

  async function read(input: { ids: string[] } | { before: string }) {
    await markRead({ input });
    refetch({ requestPolicy: 'network-only' });
    onRead();
  }

  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="link bell-button"
        aria-haspopup="true"
        aria-expanded={open}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="visually-hidden">Notifications</span>
        {unread > 0 && (
          <span className="nav-count" data-testid="notifications-unread">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="region" aria-label="Notifications" data-testid="notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            {unread > 0 && items[0] && (
              <button type="button" className="link" onClick={() => void read({ before: items[0]!.createdAt })}>
                Mark all read
              </button>
            )}
          </div>
          {error && <p className="muted">The notifications cannot be loaded right now.</p>}
          {fetching && !data && <p className="muted">Loading…</p>}
          {data && items.length === 0 && <p className="muted">Nothing yet.</p>}
          <ul className="bell-list">
            {items.map((n) => {
              const to = linkOf(n);
              const body = (
                <>
                  <span>{n.text}</span>
                  <time className="muted" dateTime={n.createdAt}>
                    {formatDateTime(n.createdAt)}
                  </time>
                </>
              );
              return (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid="notification">
                  {to ? (
                    <Link
                      to={to}
                      onClick={() => {
                        setOpen(false);
                        if (!n.readAt) void read({ ids: [n.id] });
                      }}
                    >
                      {body}
                    </Link>
                  ) : (
                    body
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

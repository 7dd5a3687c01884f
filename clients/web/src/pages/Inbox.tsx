import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConversationFilter } from '../gql/graphql';
import { ErrorNotice, Unavailable } from '../errors';
import { formatDateTime } from '../format';
import { useViewer } from '../viewer';

const Conversations = graphql(`
  query Conversations($filter: ConversationFilter, $first: Int, $after: String) {
    conversations(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          unreadCount
          starred
          archived
          blocked
          updatedAt
          counterpart {
            id
            username
            displayName
          }
          lastMessage {
            id
            body
            offer {
              id
              price {
                formatted
              }
            }
            sentAt
            author {
              id
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The tabs of the inbox: each is one `ConversationFilter`. */
const FILTERS = {
  all: { label: 'All', filter: {} },
  unread: { label: 'Unread', filter: { unreadOnly: true } },
  starred: { label: 'Starred', filter: { starred: true } },
  archived: { label: 'Archived', filter: { archived: true } },
} satisfies Record<string, { label: string; filter: ConversationFilter }>;

type FilterName = keyof typeof FILTERS;

const isFilterName = (name: string | null): name is FilterName => name !== null && Object.hasOwn(FILTERS, name);

const PAGE_SIZE = 20;

export function InboxPage() {
  const { me, loading } = useViewer();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('filter');
  const filterName: FilterName = isFilterName(wanted) ? wanted : 'all';
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [shownFilter, setShownFilter] = useState(filterName);
  if (shownFilter !== filterName) {
    setShownFilter(filterName);
    setCursors([null]);
  }

  if (loading) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to="/login?next=/inbox">Log in</Link> to see your messages.
      </p>
    );
  }

  return (
    <>
      <h1>Inbox</h1>
      <div className="tabs" role="tablist" aria-label="Conversations to show">
        {(Object.keys(FILTERS) as FilterName[]).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === filterName}
            className={name === filterName ? 'tab active' : 'tab'}
            onClick={() => setParams(name === 'all' ? {} : { filter: name })}
          >
            {FILTERS[name].label}
          </button>
        ))}
      </div>
      <ul className="conversations" aria-label="Conversations">
        {cursors.map((after, i) => (
          <ConversationsPage
            key={`${filterName}-${after ?? 'first'}`}
            filterName={filterName}
            myId={me.id}
            after={after}
            isLast={i === cursors.length - 1}
            onLoadMore={(cursor) => setCursors([...cursors, cursor])}
          />
        ))}
      </ul>
    </>
  );
}

function ConversationsPage(props: {
  filterName: FilterName;
  myId: string;
  after: string | null;
  isLast: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const [{ data, error }] = useQuery({
    query: Conversations,
    variables: { filter: FILTERS[props.filterName].filter, first: PAGE_SIZE, after: props.after },
    requestPolicy: 'cache-and-network',
  });
  const conversations = data?.conversations;
  return (
    <>
      {error && (
        <li>
          <ErrorNotice error={error} />
        </li>
      )}
      {props.after === null && conversations?.totalCount === 0 && (
        <li className="muted empty">{props.filterName === 'all' ? 'No conversations in your inbox.' : 'No conversations here.'}</li>
      )}
      {conversations?.edges.map(({ node }) => {
        const last = node.lastMessage;
        const unread = node.unreadCount > 0;
        return (
          <li key={node.id} className={unread ? 'conversation unread' : 'conversation'} data-testid="conversation">
            <Link to={`/inbox/${node.id}`} className="conversation-link">
              <span className="who">
                <strong>{node.counterpart?.displayName ?? <Unavailable what="The member" />}</strong>
                {node.counterpart && <span className="muted"> @{node.counterpart.username}</span>}
                {node.starred && (
                  <span className="star" title="Starred">
                    {' '}
                    ★<span className="visually-hidden"> starred</span>
                  </span>
                )}
                {node.blocked && <span className="status status-cancelled">Blocked</span>}
              </span>
              <span className="when muted">{formatDateTime(node.updatedAt)}</span>
              <span className="last">
                {last ? (
                  <>
                    {last.author?.id === props.myId && <span className="muted">You: </span>}
                    {last.body || (last.offer ? `Custom offer (${last.offer.price.formatted})` : '')}
                  </>
                ) : (
                  <span className="muted">No messages</span>
                )}
              </span>
              {unread && (
                <span className="unread-count" data-testid="unread-count">
                  {node.unreadCount} unread
                </span>
              )}
            </Link>
          </li>
        );
      })}
      {props.isLast && conversations?.pageInfo.hasNextPage && conversations.pageInfo.endCursor && (
        <li>
          <button type="button" className="secondary load-more" onClick={() => props.onLoadMore(conversations.pageInfo.endCursor!)}>
            Load more
          </button>
        </li>
      )}
    </>
  );
}

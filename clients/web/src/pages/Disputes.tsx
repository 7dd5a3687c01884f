import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorNotice, Unavailable } from '../errors';
import { statusLabel } from '../format';
import { useViewer } from '../viewer';
import { DisputeShown, ResolveDisputeForm } from './OrderResolution';

const DisputedOrders = graphql(`
  query DisputedOrders($first: Int, $after: String) {
    disputedOrders(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          number
          status
          package {
            gigTitle
            name
          }
          buyer {
            id
            displayName
          }
          seller {
            id
            displayName
          }
          total {
            formatted
          }
          dispute {
            ...DisputeFields
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

const PAGE_SIZE = 20;

/**
 * /admin/disputes (admins only): orders with an OPEN dispute, the oldest first, each with the form
 * to decide it. A resolved dispute leaves the list.
 */
export function DisputesPage() {
  const { me, loading } = useViewer();
  // "Load more" pages, as on the search page: one query per loaded page.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  if (loading) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent('/admin/disputes')}`}>Log in</Link> as an admin to see disputes.
      </p>
    );
  }
  // The server refuses anyone else (FORBIDDEN); say so without asking.
  if (!me.roles.includes('ADMIN')) return <p>Only admins see and decide disputes.</p>;
  return (
    <div className="disputes">
      <h1>Open disputes</h1>
      {cursors.map((after, i) => (
        <DisputesPageOfResults
          key={after ?? 'first'}
          after={after}
          isFirst={i === 0}
          isLast={i === cursors.length - 1}
          onLoadMore={(cursor) => setCursors([...cursors, cursor])}
          onResolved={() => setCursors([null])}
        />
      ))}
    </div>
  );
}

function DisputesPageOfResults(props: {
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (cursor: string) => void;
  onResolved: () => void;
}) {
  // A decision (a change to an Order) refetches the list.
  const context = useMemo(() => ({ additionalTypenames: ['Order', 'Dispute'] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: DisputedOrders,
    variables: { first: PAGE_SIZE, after: props.after },
    requestPolicy: 'cache-and-network',
    context,
  });
  const page = data?.disputedOrders;
  if (fetching && !data) return <p className="muted">Loading…</p>;
  return (
    <>
      <ErrorNotice error={error} />
      {props.isFirst && page && (
        <p className="muted" data-testid="dispute-count">
          {page.totalCount === 0 ? 'No open disputes.' : `${page.totalCount} open dispute${page.totalCount === 1 ? '' : 's'}`}
        </p>
      )}
      {page?.edges.map(({ node }) => (
        <section key={node.id} className="step" data-testid="disputed-order">
          <h2>
            <Link to={`/orders/${node.id}`}>Order #{node.number}</Link>{' '}
            <span className={`status status-${node.status.toLowerCase()}`}>{statusLabel[node.status]}</span>
          </h2>
          <p>
            {node.package.gigTitle} — {node.package.name} · {node.total.formatted}
            <br />
            <span className="muted">
              Buyer {node.buyer?.displayName ?? <Unavailable what="The buyer" />} · seller{' '}
              {node.seller?.displayName ?? <Unavailable what="The seller" />}
            </span>
          </p>
          {node.dispute && <DisputeShown dispute={node.dispute} />}
          <ResolveDisputeForm orderId={node.id} onDone={props.onResolved} />
        </section>
      ))}
      {props.isLast && page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" className="secondary load-more" onClick={() => props.onLoadMore(page.pageInfo.endCursor!)}>
          Load more
        </button>
      )}
    </>
  );
}

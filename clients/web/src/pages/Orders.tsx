import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrderRole } from '../gql/graphql';
import { ErrorNotice, Unavailable } from '../errors';
import { formatDate, statusLabel } from '../format';
import { useViewer } from '../viewer';

const MyOrders = graphql(`
  query MyOrders($role: OrderRole!, $first: Int, $after: String) {
    myOrders(role: $role, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          number
          status
          createdAt
          dueAt
          isLate
          total {
            formatted
          }
          sellerEarnings {
            formatted
          }
          package {
            tier
            gigTitle
          }
          buyer {
            id
            displayName
          }
          seller {
            id
            displayName
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

export function OrdersPage() {
  const { me, loading } = useViewer();
  const [params, setParams] = useSearchParams();
  const role: OrderRole = params.get('role') === 'SELLER' ? 'SELLER' : 'BUYER';
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [shownRole, setShownRole] = useState(role);
  if (shownRole !== role) {
    setShownRole(role);
    setCursors([null]);
  }

  if (loading) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to="/login?next=/orders">Log in</Link> to see your orders.
      </p>
    );
  }

  return (
    <>
      <h1>Orders</h1>
      <div className="tabs" role="tablist">
        {(['BUYER', 'SELLER'] as const).map((r) => (
          <button
            key={r}
            type="button"
            role="tab"
            aria-selected={r === role}
            className={r === role ? 'tab active' : 'tab'}
            onClick={() => setParams({ role: r })}
          >
            {r === 'BUYER' ? 'Buying' : 'Selling'}
          </button>
        ))}
      </div>
      <table className="list">
        <thead>
          <tr>
            <th>Order</th>
            <th>Gig</th>
            <th>{role === 'BUYER' ? 'Seller' : 'Buyer'}</th>
            <th>Status</th>
            <th>Due</th>
            <th>{role === 'BUYER' ? 'Total' : 'You earn'}</th>
          </tr>
        </thead>
        {cursors.map((after, i) => (
          <OrdersPageRows
            key={`${role}-${after ?? 'first'}`}
            role={role}
            after={after}
            isLast={i === cursors.length - 1}
            onLoadMore={(cursor) => setCursors([...cursors, cursor])}
          />
        ))}
      </table>
    </>
  );
}

function OrdersPageRows(props: { role: OrderRole; after: string | null; isLast: boolean; onLoadMore: (cursor: string) => void }) {
  const [{ data, error }] = useQuery({
    query: MyOrders,
    variables: { role: props.role, first: 20, after: props.after },
    requestPolicy: 'cache-and-network',
  });
  const orders = data?.myOrders;
  return (
    <tbody>
      {error && (
        <tr>
          <td colSpan={6}>
            <ErrorNotice error={error} />
          </td>
        </tr>
      )}
      {props.after === null && orders?.totalCount === 0 && (
        <tr>
          <td colSpan={6} className="muted">
            No orders yet.
          </td>
        </tr>
      )}
      {orders?.edges.map(({ node }) => (
        <tr key={node.id}>
          <td>
            <Link to={`/orders/${node.id}`}>#{node.number}</Link>
          </td>
          <td>
            {node.package.gigTitle} <span className="muted">({node.package.tier.toLowerCase()})</span>
          </td>
          <td>
            {(props.role === 'BUYER' ? node.seller : node.buyer)?.displayName ?? (
              <Unavailable what={props.role === 'BUYER' ? 'The seller' : 'The buyer'} />
            )}
          </td>
          <td>
            <span className={`status status-${node.status.toLowerCase()}`}>{statusLabel[node.status]}</span>
            {node.isLate && <span className="late"> late</span>}
          </td>
          <td>{node.dueAt ? formatDate(node.dueAt) : '—'}</td>
          <td>{props.role === 'BUYER' ? node.total.formatted : node.sellerEarnings.formatted}</td>
        </tr>
      ))}
      {props.isLast && orders?.pageInfo.hasNextPage && orders.pageInfo.endCursor && (
        <tr>
          <td colSpan={6}>
            <button type="button" className="secondary" onClick={() => props.onLoadMore(orders.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorNotice } from '../errors';
import { formatRating, levelLabel } from '../format';
import { useViewer } from '../viewer';
import { PublishGig } from './Gig';

const SellerDashboard = graphql(`
  query SellerDashboard {
    me {
      id
      sellerStats {
        level
        completedOrders
        activeOrders
        onTimeDeliveryRate
        rating {
          average
          count
        }
      }
      sellerEarnings {
        pendingClearance {
          formatted
        }
        cleared {
          formatted
        }
        lifetime {
          formatted
        }
      }
      gigs(first: 50) {
        totalCount
        edges {
          node {
            id
            title
            status
            startingPrice {
              formatted
            }
            ordersInQueue
            ordersCompleted
          }
        }
      }
    }
  }
`);

export function SellingPage() {
  const { me, loading } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: SellerDashboard, requestPolicy: 'cache-and-network', pause: !me });
  const [publishing, publish] = useMutation(PublishGig);

  if (loading) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to="/login?next=/selling">Log in</Link> to see your gigs.
      </p>
    );
  }
  if (!me.isSeller) {
    return (
      <p>
        <Link to="/become-seller">Become a seller</Link> to publish gigs.
      </p>
    );
  }
  const dashboard = data?.me;

  async function publishGig(id: string) {
    await publish({ input: { id } });
    refetch({ requestPolicy: 'network-only' });
  }

  const publishErrors = publishing.data?.publishGig.userErrors ?? [];

  return (
    <>
      <div className="page-title">
        <h1>Selling</h1>
        <Link to="/selling/new" className="button">
          Create a gig
        </Link>
      </div>
      <ErrorNotice error={error ?? publishing.error} />
      {dashboard && (
        <dl className="facts stats">
          <div>
            <dt>Level</dt>
            <dd>{levelLabel[dashboard.sellerStats.level]}</dd>
          </div>
          <div>
            <dt>Rating</dt>
            <dd>{formatRating(dashboard.sellerStats.rating)}</dd>
          </div>
          <div>
            <dt>Active orders</dt>
            <dd>{dashboard.sellerStats.activeOrders}</dd>
          </div>
          <div>
            <dt>Completed</dt>
            <dd>{dashboard.sellerStats.completedOrders}</dd>
          </div>
          {dashboard.sellerEarnings && (
            <>
              <div>
                <dt>Pending clearance</dt>
                <dd>{dashboard.sellerEarnings.pendingClearance.formatted}</dd>
              </div>
              <div>
                <dt>Lifetime earnings</dt>
                <dd>{dashboard.sellerEarnings.lifetime.formatted}</dd>
              </div>
            </>
          )}
        </dl>
      )}
      <p>
        <Link to="/orders?role=SELLER">Orders from your buyers →</Link>
      </p>
      {publishErrors.length > 0 && (
        <div className="form-errors" role="alert">
          {publishErrors.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
      <table className="list">
        <thead>
          <tr>
            <th>Gig</th>
            <th>Status</th>
            <th>From</th>
            <th>In queue</th>
            <th>Completed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {dashboard?.gigs.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>
                <Link to={`/gigs/${node.id}`}>{node.title}</Link>
              </td>
              <td>
                <span className={`status status-${node.status.toLowerCase()}`}>{node.status.toLowerCase()}</span>
              </td>
              <td>{node.startingPrice.formatted}</td>
              <td>{node.ordersInQueue}</td>
              <td>{node.ordersCompleted}</td>
              <td>
                {(node.status === 'DRAFT' || node.status === 'PAUSED') && (
                  <button type="button" disabled={publishing.fetching} onClick={() => void publishGig(node.id)}>
                    Publish
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {dashboard?.gigs.totalCount === 0 && <p className="muted">No gigs yet.</p>}
    </>
  );
}

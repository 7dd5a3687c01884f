import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorNotice, Unavailable } from '../errors';
import { formatDate, formatRating, levelLabel } from '../format';
import { GigCard } from './Search';

const Profile = graphql(`
  query Profile($username: String!) {
    userByUsername(username: $username) {
      id
      username
      displayName
      bio
      country
      memberSince
      skills
      languages {
        code
        level
      }
      isSeller
      sellerProfile {
        headline
        sellerSince
      }
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
    }
  }
`);

const ProfileGigs = graphql(`
  query ProfileGigs($username: String!, $first: Int, $after: String) {
    userByUsername(username: $username) {
      id
      gigs(status: ACTIVE, first: $first, after: $after) {
        edges {
          node {
            ...GigCard
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const ProfileReviews = graphql(`
  query ProfileReviews($username: String!, $first: Int, $after: String) {
    userByUsername(username: $username) {
      id
      reviewsReceived(first: $first, after: $after) {
        totalCount
        edges {
          node {
            id
            rating
            comment
            sellerResponse
            createdAt
            author {
              id
              displayName
            }
            gig {
              id
              title
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** A member's public page: who they are, and for sellers their level, gigs and reviews. */
export function ProfilePage() {
  const { username = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: Profile, variables: { username } });
  if (fetching && !data) return <p className="muted">Loading…</p>;
  const user = data?.userByUsername;
  if (!user) {
    return (
      <>
        <ErrorNotice error={error} />
        {!error && <p>No member is called @{username}.</p>}
      </>
    );
  }
  const stats = user.sellerStats;
  return (
    <>
      <h1>
        {user.displayName} <span className="muted">@{user.username}</span>
      </h1>
      {user.sellerProfile && <p className="lead">{user.sellerProfile.headline}</p>}
      {user.bio && <p>{user.bio}</p>}
      <dl className="facts stats">
        {user.isSeller && (
          <>
            <div>
              <dt>Level</dt>
              <dd>{levelLabel[stats.level]}</dd>
            </div>
            <div>
              <dt>Rating</dt>
              <dd>{formatRating(stats.rating)}</dd>
            </div>
            <div>
              <dt>Completed orders</dt>
              <dd>{stats.completedOrders}</dd>
            </div>
            <div>
              <dt>On-time delivery</dt>
              <dd>{stats.onTimeDeliveryRate === null ? '—' : `${Math.round(stats.onTimeDeliveryRate * 100)}%`}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Member since</dt>
          <dd>{formatDate(user.memberSince)}</dd>
        </div>
        {user.country && (
          <div>
            <dt>From</dt>
            <dd>{user.country}</dd>
          </div>
        )}
        {user.languages.length > 0 && (
          <div>
            <dt>Languages</dt>
            <dd>{user.languages.map((l) => `${l.code} (${l.level.toLowerCase()})`).join(', ')}</dd>
          </div>
        )}
      </dl>
      {user.skills.length > 0 && (
        <p className="tags">
          {user.skills.map((skill) => (
            <span key={skill} className="tag">
              {skill}
            </span>
          ))}
        </p>
      )}
      {user.isSeller && (
        <>
          <h2>Gigs</h2>
          <Paged render={(after, isLast, onMore) => <GigsPage username={username} after={after} isLast={isLast} onMore={onMore} />} />
          <h2>Reviews</h2>
          <Paged render={(after, isLast, onMore) => <ReviewsPage username={username} after={after} isLast={isLast} onMore={onMore} />} />
        </>
      )}
    </>
  );
}

type PageRenderer = (after: string | null, isLast: boolean, onMore: (cursor: string) => void) => ReactNode;

/** "Load more": one child per loaded page, each querying from its own cursor. */
function Paged({ render }: { render: PageRenderer }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <>
      {cursors.map((after, i) => (
        <div key={after ?? 'first'}>{render(after, i === cursors.length - 1, (cursor) => setCursors([...cursors, cursor]))}</div>
      ))}
    </>
  );
}

function GigsPage(props: { username: string; after: string | null; isLast: boolean; onMore: (cursor: string) => void }) {
  const [{ data, error }] = useQuery({ query: ProfileGigs, variables: { username: props.username, first: 8, after: props.after } });
  const gigs = data?.userByUsername?.gigs;
  return (
    <>
      <ErrorNotice error={error} />
      {props.after === null && gigs?.edges.length === 0 && <p className="muted">No gigs listed.</p>}
      <div className="gig-grid">
        {gigs?.edges.map(({ node }) => (
          <GigCard key={node.id} gig={node} />
        ))}
      </div>
      {props.isLast && gigs?.pageInfo.hasNextPage && gigs.pageInfo.endCursor && (
        <button type="button" className="secondary load-more" onClick={() => props.onMore(gigs.pageInfo.endCursor!)}>
          More gigs
        </button>
      )}
    </>
  );
}

function ReviewsPage(props: { username: string; after: string | null; isLast: boolean; onMore: (cursor: string) => void }) {
  const [{ data, error }] = useQuery({ query: ProfileReviews, variables: { username: props.username, first: 5, after: props.after } });
  const reviews = data?.userByUsername?.reviewsReceived;
  return (
    <>
      <ErrorNotice error={error} />
      {props.after === null && reviews?.totalCount === 0 && <p className="muted">No reviews yet.</p>}
      {reviews?.edges.map(({ node }) => (
        <blockquote key={node.id} className="review">
          <p>
            <strong>{'★'.repeat(node.rating)}</strong>
            <span className="muted">{'★'.repeat(5 - node.rating)}</span> {node.author?.displayName ?? <Unavailable what="The author" />}{' '}
            <span className="muted">
              on {node.gig ? `“${node.gig.title}”` : <Unavailable what="The gig" />} · {formatDate(node.createdAt)}
            </span>
          </p>
          <p>{node.comment}</p>
          {node.sellerResponse && <p className="response">Seller's response: {node.sellerResponse}</p>}
        </blockquote>
      ))}
      {props.isLast && reviews?.pageInfo.hasNextPage && reviews.pageInfo.endCursor && (
        <button type="button" className="secondary" onClick={() => props.onMore(reviews.pageInfo.endCursor!)}>
          More reviews
        </button>
      )}
    </>
  );
}

import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { PackageTier } from '../gql/graphql';
import { ExtrasPicker, extraInputs, type ChosenExtras } from '../extras';
import { ErrorNotice, ErrorScope, Unavailable } from '../errors';
import { formatDate, formatRating, levelLabel, revisionsLabel } from '../format';
import { newIdempotencyKey } from '../idempotency';
import { useViewer } from '../viewer';

const GigDetails = graphql(`
  query GigDetails($id: ID!) {
    gig(id: $id) {
      id
      title
      description
      status
      tags
      images
      category {
        slug
        name
        parent {
          slug
          name
        }
      }
      packages {
        tier
        name
        description
        price {
          formatted
        }
        deliveryDays
        revisions
        features
      }
      extras {
        id
        kind
        title
        description
        price {
          formatted
        }
        days
      }
      faqs {
        question
        answer
      }
      requirements {
        id
        question
        required
      }
      rating {
        average
        count
      }
      ordersCompleted
      ordersInQueue
      seller {
        id
        username
        displayName
        country
        memberSince
        sellerProfile {
          headline
        }
        sellerStats {
          level
          completedOrders
          onTimeDeliveryRate
          rating {
            average
            count
          }
        }
      }
    }
  }
`);

const GigReviews = graphql(`
  query GigReviews($id: ID!, $first: Int, $after: String) {
    gig(id: $id) {
      id
      reviews(first: $first, after: $after) {
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
              username
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
  }
`);

const OrderQuote = graphql(`
  query OrderQuote($gigId: ID!, $tier: PackageTier!, $extras: [OrderExtraInput!]) {
    orderQuote(gigId: $gigId, tier: $tier, extras: $extras) {
      subtotal {
        formatted
      }
      serviceFee {
        formatted
      }
      total {
        formatted
      }
      deliveryDays
      revisions
    }
  }
`);

const PlaceOrder = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      order {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PublishGig = graphql(`
  mutation PublishGig($input: GigIdInput!) {
    publishGig(input: $input) {
      gig {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export function GigPage() {
  const { id = '' } = useParams();
  const { me } = useViewer();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: GigDetails, variables: { id } });
  const [tier, setTier] = useState<PackageTier | null>(null);
  const [chosenExtras, setChosenExtras] = useState<ChosenExtras>({});
  // A key per visit of the page, so a double click or a retry does not buy twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [placing, placeOrder] = useMutation(PlaceOrder);
  const [publishing, publish] = useMutation(PublishGig);

  if (fetching && !data) return <p className="muted">Loading…</p>;
  const gig = data?.gig;
  if (!gig) {
    return (
      <>
        <ErrorNotice error={error} />
        {!error && <p>This gig does not exist or is not available.</p>}
      </>
    );
  }
  const selected = gig.packages.find((p) => p.tier === tier) ?? gig.packages[0];
  const extras = extraInputs(gig.extras, chosenExtras);
  // Null only while the users service is down: the seller's part of the page says so.
  const seller = gig.seller;
  const own = !!me && me.id === seller?.id;
  const stats = seller?.sellerStats ?? null;

  async function order() {
    if (!selected) return;
    if (!me) {
      void navigate(`/login?next=${encodeURIComponent(`/gigs/${id}`)}`);
      return;
    }
    // The key names what is bought: another package or other extras are another order, not a retry.
    const what = [selected.tier, ...extras.map((e) => `${e.extraId}x${e.quantity ?? 1}`)].join('-');
    const result = await placeOrder({ input: { gigId: id, tier: selected.tier, extras, idempotencyKey: `${idempotencyKey}-${what}` } });
    const orderId = result.data?.placeOrder.order?.id;
    if (orderId) void navigate(`/orders/${orderId}`);
  }

  return (
    <div className="gig-layout">
      <article className="gig-main">
        <p className="breadcrumbs">
          {gig.category.parent && (
            <>
              <Link to={`/search?category=${gig.category.parent.slug}`}>{gig.category.parent.name}</Link> ›{' '}
            </>
          )}
          <Link to={`/search?category=${gig.category.slug}`}>{gig.category.name}</Link>
        </p>
        <h1>{gig.title}</h1>
        <div className="seller-line" data-testid="seller">
          {seller && stats ? (
            <>
              <Link to={`/users/${seller.username}`}>
                <strong>{seller.displayName}</strong>
              </Link>{' '}
              <span className="muted">@{seller.username}</span>{' '}
              <span className="badge" data-testid="seller-level">
                {levelLabel[stats.level]}
              </span>
            </>
          ) : (
            <Unavailable what="The seller" />
          )}{' '}
          <span className="rating">{formatRating(gig.rating)}</span>
          {gig.ordersInQueue > 0 && <span className="muted"> · {gig.ordersInQueue} orders in queue</span>}
        </div>
        {gig.status !== 'ACTIVE' && (
          <div className="notice">
            This gig is <strong>{gig.status.toLowerCase()}</strong>
            {gig.status === 'DRAFT' ? ': only you can see it.' : '.'}
            {own && (gig.status === 'DRAFT' || gig.status === 'PAUSED') && (
              <>
                {' '}
                <button type="button" disabled={publishing.fetching} onClick={() => void publish({ input: { id: gig.id } })}>
                  Publish
                </button>
              </>
            )}
            <ErrorNotice error={publishing.error} />
            <ErrorScope errors={publishing.data?.publishGig.userErrors ?? []} fields={[]}>
              {null}
            </ErrorScope>
          </div>
        )}
        {gig.images.length > 0 && (
          <div className="gallery">
            {gig.images.map((src) => (
              <img key={src} src={src} alt="" />
            ))}
          </div>
        )}
        <h2>About this gig</h2>
        <p className="description">{gig.description}</p>
        {gig.tags.length > 0 && (
          <p className="tags">
            {gig.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </p>
        )}

        <h2>About the seller</h2>
        {seller && stats ? (
          <div className="seller-card">
            <p>
              <strong>{seller.displayName}</strong> — {seller.sellerProfile?.headline}
            </p>
            <dl className="facts">
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
              <div>
                <dt>Member since</dt>
                <dd>{formatDate(seller.memberSince)}</dd>
              </div>
              {seller.country && (
                <div>
                  <dt>From</dt>
                  <dd>{seller.country}</dd>
                </div>
              )}
            </dl>
          </div>
        ) : (
          <p>
            <Unavailable what="The seller" />
          </p>
        )}

        {gig.faqs.length > 0 && (
          <>
            <h2>FAQ</h2>
            {gig.faqs.map((faq) => (
              <details key={faq.question}>
                <summary>{faq.question}</summary>
                <p>{faq.answer}</p>
              </details>
            ))}
          </>
        )}

        <h2>Reviews</h2>
        <Reviews gigId={gig.id} />
      </article>

      <aside className="packages" aria-label="Packages">
        <div className="tabs" role="tablist">
          {gig.packages.map((p) => (
            <button
              key={p.tier}
              type="button"
              role="tab"
              aria-selected={p.tier === selected?.tier}
              className={p.tier === selected?.tier ? 'tab active' : 'tab'}
              onClick={() => setTier(p.tier)}
            >
              {p.tier.charAt(0) + p.tier.slice(1).toLowerCase()}
            </button>
          ))}
        </div>
        {selected && (
          <div className="package" data-testid="package">
            <h3>
              {selected.name} <span className="price">{selected.price.formatted}</span>
            </h3>
            <p>{selected.description}</p>
            <p className="muted">
              {selected.deliveryDays}-day delivery · {revisionsLabel(selected.revisions)}
            </p>
            <ul className="features">
              {selected.features.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
            {gig.extras.length > 0 && (
              <div className="package-extras">
                <h4>Extras</h4>
                <ExtrasPicker extras={gig.extras} chosen={chosenExtras} onChange={setChosenExtras} disabled={own} />
              </div>
            )}
            <Quote gigId={gig.id} tier={selected.tier} extras={extras} fallback={selected.price.formatted}>
              {(total) =>
                own ? (
                  <p className="muted">This is your gig.</p>
                ) : (
                  <button
                    type="button"
                    className="wide"
                    disabled={placing.fetching || gig.status !== 'ACTIVE'}
                    onClick={() => void order()}
                    data-testid="order-button"
                  >
                    Continue ({total})
                  </button>
                )
              }
            </Quote>
            <ErrorNotice error={placing.error} />
            <ErrorScope errors={placing.data?.placeOrder.userErrors ?? []} fields={[]}>
              {null}
            </ErrorScope>
          </div>
        )}
        {seller && !own && (
          <div className="contact">
            {/* The conversation with the seller, or a box for the first message (anonymous: log in first). */}
            <Link
              to={me ? `/inbox/with/${seller.id}` : `/login?next=${encodeURIComponent(`/inbox/with/${seller.id}`)}`}
              className="button secondary wide"
            >
              Contact seller
            </Link>
          </div>
        )}
      </aside>
    </div>
  );
}

/**
 * What the chosen package and extras cost, as the server computes it (orderQuote: the same rules as
 * placeOrder, fees included); `children` gets the total to show on the order button.
 */
function Quote({
  gigId,
  tier,
  extras,
  fallback,
  children,
}: {
  gigId: string;
  tier: PackageTier;
  extras: ReturnType<typeof extraInputs>;
  fallback: string;
  children: (total: string) => ReactNode;
}) {
  const [{ data, fetching, error }] = useQuery({ query: OrderQuote, variables: { gigId, tier, extras } });
  // The previous quote stays on screen while the next one loads, dimmed.
  const quote = data?.orderQuote ?? null;
  return (
    <>
      {quote && (
        <dl className={fetching ? 'facts quote stale' : 'facts quote'} data-testid="quote">
          <div>
            <dt>Delivery</dt>
            <dd>
              {quote.deliveryDays} day{quote.deliveryDays === 1 ? '' : 's'} · {revisionsLabel(quote.revisions).toLowerCase()}
            </dd>
          </div>
          <div>
            <dt>Subtotal</dt>
            <dd>{quote.subtotal.formatted}</dd>
          </div>
          <div>
            <dt>Service fee</dt>
            <dd>{quote.serviceFee.formatted}</dd>
          </div>
          <div>
            <dt>Total</dt>
            <dd>
              <strong data-testid="quote-total">{quote.total.formatted}</strong>
            </dd>
          </div>
        </dl>
      )}
      <ErrorNotice error={error} />
      {children(quote?.total.formatted ?? fallback)}
    </>
  );
}

function Reviews({ gigId }: { gigId: string }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <div className="reviews">
      {cursors.map((after, i) => (
        <ReviewsPage
          key={after ?? 'first'}
          gigId={gigId}
          after={after}
          isFirst={i === 0}
          isLast={i === cursors.length - 1}
          onLoadMore={(cursor) => setCursors([...cursors, cursor])}
        />
      ))}
    </div>
  );
}

function ReviewsPage(props: {
  gigId: string;
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const [{ data, error }] = useQuery({ query: GigReviews, variables: { id: props.gigId, first: 5, after: props.after } });
  const reviews = data?.gig?.reviews;
  return (
    <>
      <ErrorNotice error={error} />
      {props.isFirst && reviews?.totalCount === 0 && <p className="muted">No reviews yet.</p>}
      {reviews?.edges.map(({ node }) => (
        <blockquote key={node.id} className="review" data-testid="review">
          <p>
            <strong>{'★'.repeat(node.rating)}</strong>
            <span className="muted">{'★'.repeat(5 - node.rating)}</span> {node.author?.displayName ?? <Unavailable what="The author" />}{' '}
            <span className="muted">· {formatDate(node.createdAt)}</span>
          </p>
          <p>{node.comment}</p>
          {node.sellerResponse && <p className="response">Seller's response: {node.sellerResponse}</p>}
        </blockquote>
      ))}
      {props.isLast && reviews?.pageInfo.hasNextPage && reviews.pageInfo.endCursor && (
        <button type="button" className="secondary" onClick={() => props.onLoadMore(reviews.pageInfo.endCursor!)}>
          More reviews
        </button>
      )}
    </>
  );
}

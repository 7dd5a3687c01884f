import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { OfferCardFragment, OfferStatus } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field, NO_OUTCOME, Unavailable, type Outcome, type UserErrorLike } from '../errors';
import { dollarsToCents, formatDateTime, parseWholeNumber, revisionsLabel } from '../format';
import { newIdempotencyKey } from '../idempotency';

/**
 * Custom offers in a conversation (the orders subgraph): a seller's "Send an offer" form, and the
 * card every message that carries an offer shows (Accept / Decline for the buyer, Withdraw for the
 * seller). The offer's message is added to the conversation by the inbox once the offer is stored
 * (through the orders outbox), so it appears in the thread a moment after sendOffer answers.
 */

export const OfferCard = graphql(`
  fragment OfferCard on Offer {
    id
    status
    description
    price {
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
    skipRequirements
    declineReason
    expiresAt
    createdAt
    gig {
      id
      title
    }
    seller {
      id
    }
    buyer {
      id
    }
    order {
      id
    }
  }
`);

const SellerActiveGigs = graphql(`
  query SellerActiveGigs {
    me {
      id
      gigs(status: ACTIVE, first: 50) {
        edges {
          node {
            id
            title
          }
        }
      }
    }
  }
`);

const SendOffer = graphql(`
  mutation SendOffer($input: SendOfferInput!) {
    sendOffer(input: $input) {
      offer {
        ...OfferCard
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const AcceptOffer = graphql(`
  mutation AcceptOffer($input: OfferIdInput!) {
    acceptOffer(input: $input) {
      offer {
        ...OfferCard
      }
      order {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeclineOffer = graphql(`
  mutation DeclineOffer($input: DeclineOfferInput!) {
    declineOffer(input: $input) {
      offer {
        ...OfferCard
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const WithdrawOffer = graphql(`
  mutation WithdrawOffer($input: OfferIdInput!) {
    withdrawOffer(input: $input) {
      offer {
        ...OfferCard
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const offerStatusLabel: Record<OfferStatus, string> = {
  PENDING: 'Pending',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  WITHDRAWN: 'Withdrawn',
  EXPIRED: 'Expired',
};

/** The fields of the "Send an offer" form, as typed (money in dollars, numbers as text). */
interface OfferDraft {
  gigId: string;
  description: string;
  price: string;
  deliveryDays: string;
  revisions: string;
  skipRequirements: boolean;
  expiresInDays: string;
}

const EMPTY_DRAFT: OfferDraft = {
  gigId: '',
  description: '',
  price: '',
  deliveryDays: '',
  revisions: '',
  skipRequirements: false,
  expiresInDays: '7',
};

/** Text typed in a number field -> an integer, or NaN (not sent: said beside the field). */
const integer = (text: string): number => parseWholeNumber(text) ?? Number.NaN;

/**
 * The seller's form to send an offer to the member of the conversation, for one of their active
 * gigs. Like a message, each offer is sent with an idempotency key, reused only when the same
 * input is sent again after a request that got no answer.
 */
export function SendOfferForm({ buyerId, onSent }: { buyerId: string; onSent: (offerId: string) => void }) {
  const [{ data: gigsData, error: gigsError }] = useQuery({ query: SellerActiveGigs, requestPolicy: 'cache-and-network' });
  const [draft, setDraft] = useState<OfferDraft>(EMPTY_DRAFT);
  const [attempt, setAttempt] = useState<{ key: string; input: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [sent, setSent] = useState(false);
  const [{ fetching }, sendOffer] = useMutation(SendOffer);
  const gigs = gigsData?.me?.gigs.edges.map((e) => e.node) ?? [];
  const gigId = draft.gigId || gigs[0]?.id || '';
  const set = (change: Partial<OfferDraft>) => {
    setDraft({ ...draft, ...change });
    setSent(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      gigId,
      buyerId,
      description: draft.description,
      priceCents: dollarsToCents(draft.price),
      deliveryDays: integer(draft.deliveryDays),
      revisions: draft.revisions.trim() === '' ? null : integer(draft.revisions),
      skipRequirements: draft.skipRequirements,
      expiresInDays: integer(draft.expiresInDays),
    };
    // NaN is not JSON: such a field goes as null and comes back as a GraphQL error; say it here instead.
    const notNumbers: UserErrorLike[] = [];
    if (!Number.isFinite(input.priceCents)) notNumbers.push({ field: ['input', 'priceCents'], message: 'Enter a price.', code: 'INVALID' });
    if (!Number.isInteger(input.deliveryDays))
      notNumbers.push({ field: ['input', 'deliveryDays'], message: 'Enter a whole number of days.', code: 'INVALID' });
    if (input.revisions !== null && !Number.isInteger(input.revisions))
      notNumbers.push({
        field: ['input', 'revisions'],
        message: 'Enter a whole number, or leave it empty for unlimited.',
        code: 'INVALID',
      });
    if (!Number.isInteger(input.expiresInDays))
      notNumbers.push({ field: ['input', 'expiresInDays'], message: 'Enter a whole number of days.', code: 'INVALID' });
    if (notNumbers.length > 0) {
      setOutcome({ userErrors: notNumbers });
      return;
    }
    const fingerprint = JSON.stringify(input);
    const key = attempt !== null && attempt.input === fingerprint ? attempt.key : newIdempotencyKey();
    setAttempt({ key, input: fingerprint });
    const result = await sendOffer({ input: { ...input, idempotencyKey: key } });
    const payload = result.data?.sendOffer;
    setOutcome({ error: result.error, userErrors: payload?.userErrors ?? [] });
    if (!payload) return; // no answer: the same offer is retried with the same key
    setAttempt(null);
    if (payload.userErrors.length === 0 && payload.offer) {
      setDraft(EMPTY_DRAFT);
      setSent(true);
      onSent(payload.offer.id);
    }
  }

  return (
    <details className="step offer-form">
      <summary>Send an offer</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Send an offer" noValidate>
        <p className="muted">Your own terms for this member: they accept it and the order starts.</p>
        <ErrorNotice error={outcome.error ?? gigsError} />
        {sent && (
          <p className="muted" role="status">
            Offer sent. It shows in the conversation in a moment.
          </p>
        )}
        <ErrorScope
          errors={outcome.userErrors}
          fields={[
            'input.gigId',
            'input.description',
            'input.priceCents',
            'input.deliveryDays',
            'input.revisions',
            'input.skipRequirements',
            'input.expiresInDays',
          ]}
        >
          <Field name="input.gigId" label="Gig">
            {gigs.length === 0 ? (
              <span className="muted">
                You have no active gig. <Link to="/selling">Publish one</Link> to send offers.
              </span>
            ) : (
              <select name="gigId" value={gigId} onChange={(e) => set({ gigId: e.target.value })}>
                {gigs.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="input.description" label="What you will do" hint="10-1500 characters.">
            <textarea name="offerDescription" rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
          </Field>
          <div className="row">
            <Field name="input.priceCents" label="Price ($)" hint="$5 to $10,000.">
              <input name="offerPrice" inputMode="decimal" value={draft.price} onChange={(e) => set({ price: e.target.value })} />
            </Field>
            <Field name="input.deliveryDays" label="Delivery (days)" hint="1-90.">
              <input
                name="offerDeliveryDays"
                inputMode="numeric"
                value={draft.deliveryDays}
                onChange={(e) => set({ deliveryDays: e.target.value })}
              />
            </Field>
            <Field name="input.revisions" label="Revisions" hint="0-20; empty: unlimited.">
              <input
                name="offerRevisions"
                inputMode="numeric"
                value={draft.revisions}
                onChange={(e) => set({ revisions: e.target.value })}
              />
            </Field>
            <Field name="input.expiresInDays" label="Expires in (days)" hint="1-30.">
              <input
                name="offerExpiresInDays"
                inputMode="numeric"
                value={draft.expiresInDays}
                onChange={(e) => set({ expiresInDays: e.target.value })}
              />
            </Field>
          </div>
          <Field name="input.skipRequirements" label="Start at once">
            <input
              type="checkbox"
              name="offerSkipRequirements"
              checked={draft.skipRequirements}
              onChange={(e) => set({ skipRequirements: e.target.checked })}
            />{' '}
            <span className="muted">without asking the gig's requirements</span>
          </Field>
        </ErrorScope>
        <button type="submit" disabled={fetching || gigs.length === 0}>
          Send offer
        </button>
      </form>
    </details>
  );
}

/**
 * A custom offer as a card in the thread: its terms and status; Accept (which opens the new order)
 * and Decline for the buyer, Withdraw for the seller, while it is PENDING.
 */
export function OfferCardView({
  offer: shown,
  viewerId,
  sellerId,
}: {
  offer: OfferCardFragment;
  viewerId: string;
  sellerId: string | null;
}) {
  const navigate = useNavigate();
  // The latest answer of a change made here (the thread's page may be refetched later).
  const [latest, setLatest] = useState<OfferCardFragment | null>(null);
  const offer = latest !== null && shown.status === 'PENDING' ? latest : shown;
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  const [accepting, acceptOffer] = useMutation(AcceptOffer);
  const [decliningRequest, declineOffer] = useMutation(DeclineOffer);
  const [withdrawing, withdrawOffer] = useMutation(WithdrawOffer);
  const busy = accepting.fetching || decliningRequest.fetching || withdrawing.fetching;
  // The seller is the offer's (or, while users is down, the message's author); the other party is the buyer.
  const isSeller = (offer.seller?.id ?? sellerId) === viewerId;
  const isBuyer = offer.buyer ? offer.buyer.id === viewerId : !isSeller;
  const pending = offer.status === 'PENDING';

  async function accept() {
    const r = await acceptOffer({ input: { offerId: offer.id } });
    const payload = r.data?.acceptOffer;
    setOutcome({ error: r.error, userErrors: payload?.userErrors ?? [] });
    if (payload?.offer) setLatest(payload.offer);
    const orderId = payload?.order?.id;
    if (orderId && payload.userErrors.length === 0) void navigate(`/orders/${orderId}`);
  }

  async function decline(event: FormEvent) {
    event.preventDefault();
    const r = await declineOffer({ input: { offerId: offer.id, reason: reason.trim() === '' ? null : reason } });
    const payload = r.data?.declineOffer;
    setOutcome({ error: r.error, userErrors: payload?.userErrors ?? [] });
    if (payload?.offer && payload.userErrors.length === 0) {
      setLatest(payload.offer);
      setDeclining(false);
    }
  }

  async function withdraw() {
    const r = await withdrawOffer({ input: { offerId: offer.id } });
    const payload = r.data?.withdrawOffer;
    setOutcome({ error: r.error, userErrors: payload?.userErrors ?? [] });
    if (payload?.offer && payload.userErrors.length === 0) setLatest(payload.offer);
  }

  return (
    <div className="offer-card" data-testid="offer">
      <p className="offer-head">
        <strong>Custom offer</strong>{' '}
        <span className={`status offer-status-${offer.status.toLowerCase()}`} data-testid="offer-status">
          {offerStatusLabel[offer.status]}
        </span>
        <span className="price" data-testid="offer-price">
          {offer.price.formatted}
        </span>
      </p>
      <p className="muted">{offer.gig ? <Link to={`/gigs/${offer.gig.id}`}>{offer.gig.title}</Link> : <Unavailable what="The gig" />}</p>
      <p className="body">{offer.description}</p>
      <ul className="offer-terms">
        <li>{offer.deliveryDays}-day delivery</li>
        <li>{revisionsLabel(offer.revisions)}</li>
        {offer.skipRequirements && <li>Starts at once</li>}
        <li>
          Total with the service fee ({offer.serviceFee.formatted}): {offer.total.formatted}
        </li>
        {pending && <li>Expires {formatDateTime(offer.expiresAt)}</li>}
      </ul>
      {offer.status === 'DECLINED' && offer.declineReason && <p className="muted">Reason: {offer.declineReason}</p>}
      {offer.order && (
        <p>
          <Link to={`/orders/${offer.order.id}`}>View the order</Link>
        </p>
      )}
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={declining ? ['input.reason'] : []}>
        {pending && isBuyer && !declining && (
          <div className="offer-actions">
            <button type="button" disabled={busy} onClick={() => void accept()}>
              Accept ({offer.total.formatted})
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setDeclining(true)}>
              Decline
            </button>
          </div>
        )}
        {pending && isBuyer && declining && (
          <form onSubmit={(event) => void decline(event)} aria-label="Decline offer" noValidate className="subform">
            <Field name="input.reason" label="Why? (optional, the seller sees it)">
              <input name="declineReason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <div className="offer-actions">
              <button type="submit" className="danger" disabled={busy}>
                Decline offer
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => setDeclining(false)}>
                Keep it
              </button>
            </div>
          </form>
        )}
        {pending && isSeller && (
          <div className="offer-actions">
            <button type="button" className="secondary danger-text" disabled={busy} onClick={() => void withdraw()}>
              Withdraw
            </button>
          </div>
        )}
      </ErrorScope>
    </div>
  );
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { DisputeFieldsFragment, DisputeOutcome, OrderAction, OrderResolutionFieldsFragment, RequestStatus } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field, NO_OUTCOME, perform, Unavailable, type Outcome } from '../errors';
import { ExtrasPicker, extraInputs, type ChosenExtras, type ExtraLike } from '../extras';
import { formatDateTime, parseWholeNumber } from '../format';
import { newIdempotencyKey } from '../idempotency';

/**
 * The order's requests beyond the happy path (orders.resolution): extras bought later, delivery
 * extensions, cancellation by agreement, partial refunds and disputes. Each section shows its
 * history to both parties and offers only the actions listed in `Order.viewerActions`.
 */

/** What the order page selects for these sections (part of its OrderDetails query). */
export const OrderResolutionFields = graphql(`
  fragment OrderResolutionFields on Order {
    id
    status
    viewerActions
    extensionRequests {
      id
      days
      reason
      status
      respondBy
      createdAt
      answeredAt
    }
    cancellationRequests {
      id
      requestedBy {
        id
        displayName
      }
      reason
      status
      respondBy
      createdAt
      answeredAt
    }
    partialRefundOffers {
      id
      percent
      amount {
        formatted
      }
      status
      respondBy
      createdAt
      answeredAt
    }
    dispute {
      ...DisputeFields
    }
  }
`);

export const DisputeFields = graphql(`
  fragment DisputeFields on Dispute {
    id
    openedBy {
      id
      displayName
    }
    reason
    status
    outcome
    refundPercent
    resolutionNote
    createdAt
    resolvedAt
  }
`);

const BuyExtras = graphql(`
  mutation BuyExtras($input: BuyExtrasInput!) {
    buyExtras(input: $input) {
      order {
        id
        dueAt
        revisionsRemaining
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const RequestExtension = graphql(`
  mutation RequestExtension($input: RequestExtensionInput!) {
    requestExtension(input: $input) {
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

const AnswerExtension = graphql(`
  mutation AnswerExtension($input: AnswerRequestInput!) {
    answerExtension(input: $input) {
      order {
        id
        dueAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const RequestCancellation = graphql(`
  mutation RequestCancellation($input: RequestCancellationInput!) {
    requestCancellation(input: $input) {
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

const AnswerCancellation = graphql(`
  mutation AnswerCancellation($input: AnswerRequestInput!) {
    answerCancellation(input: $input) {
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

const WithdrawCancellation = graphql(`
  mutation WithdrawCancellation($input: RequestIdInput!) {
    withdrawCancellation(input: $input) {
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

const OfferPartialRefund = graphql(`
  mutation OfferPartialRefund($input: OfferPartialRefundInput!) {
    offerPartialRefund(input: $input) {
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

const AnswerPartialRefund = graphql(`
  mutation AnswerPartialRefund($input: AnswerRequestInput!) {
    answerPartialRefund(input: $input) {
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

const OpenDispute = graphql(`
  mutation OpenDispute($input: OpenDisputeInput!) {
    openDispute(input: $input) {
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

export const ResolveDispute = graphql(`
  mutation ResolveDispute($input: ResolveDisputeInput!) {
    resolveDispute(input: $input) {
      order {
        id
        status
        dispute {
          id
          status
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type ResolutionOrder = OrderResolutionFieldsFragment;
type RequestLike = Pick<ResolutionOrder['extensionRequests'][number], 'id' | 'status' | 'respondBy' | 'createdAt' | 'answeredAt'>;

export const requestStatusLabel: Record<RequestStatus, string> = {
  PENDING: 'Waiting for an answer',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  WITHDRAWN: 'Withdrawn',
  LAPSED: 'Lapsed',
};

export const disputeOutcomeLabel: Record<DisputeOutcome, string> = {
  COMPLETE: 'Complete the order as delivered',
  CANCEL: 'Cancel the order and refund the buyer',
  PARTIAL_REFUND: 'Complete it with a partial refund',
};

/** "Accept" / "Decline" for one PENDING request, answered by its id. */
function AnswerButtons({ what, answer, disabled }: { what: string; answer: (accept: boolean) => void; disabled: boolean }) {
  return (
    <div className="request-actions">
      <button type="button" disabled={disabled} onClick={() => answer(true)}>
        Accept {what}
      </button>
      <button type="button" className="secondary" disabled={disabled} onClick={() => answer(false)}>
        Decline {what}
      </button>
    </div>
  );
}

function RequestLine({ request, children }: { request: RequestLike; children: ReactNode }) {
  return (
    <li className={`request request-${request.status.toLowerCase()}`} data-testid="request">
      {children}
      <p className="muted">
        <span className="request-status">{requestStatusLabel[request.status]}</span> · asked {formatDateTime(request.createdAt)}
        {request.status === 'PENDING' && <> · answer by {formatDateTime(request.respondBy)}</>}
        {request.answeredAt && <> · answered {formatDateTime(request.answeredAt)}</>}
      </p>
    </li>
  );
}

const can = (order: ResolutionOrder, action: OrderAction): boolean => order.viewerActions.includes(action);

/** The buyer buys more of the gig's extras while the order runs: one EXTRAS charge with its own fee. */
export function BuyExtrasForm({ order, extras, onDone }: { order: ResolutionOrder; extras: readonly ExtraLike[]; onDone: () => void }) {
  const [chosen, setChosen] = useState<ChosenExtras>({});
  const [attempt, setAttempt] = useState<{ key: string; input: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [{ fetching }, buyExtras] = useMutation(BuyExtras);
  if (!can(order, 'BUY_EXTRAS') || extras.length === 0) return null;
  const inputs = extraInputs(extras, chosen);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A retry of the same purchase (no answer) reuses its key, so it is charged once.
    const fingerprint = JSON.stringify(inputs);
    const key = attempt !== null && attempt.input === fingerprint ? attempt.key : newIdempotencyKey();
    setAttempt({ key, input: fingerprint });
    const bought = buyExtras({ input: { orderId: order.id, extras: inputs, idempotencyKey: key } }).then((r) => {
      if (r.data) setAttempt(null);
      return r;
    });
    const ok = await perform(bought, (d) => d.buyExtras, setOutcome, onDone);
    if (ok) setChosen({});
  }

  return (
    <details className="step">
      <summary>Buy extras</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Buy extras" noValidate>
        <p className="muted">Charged now as one payment, with its own service fee. Extra days move the due date.</p>
        <ErrorNotice error={outcome.error} />
        <ErrorScope errors={outcome.userErrors} fields={['input.extras']}>
          <Field name="input.extras" label="Extras" group>
            <ExtrasPicker extras={extras} chosen={chosen} onChange={setChosen} disabled={fetching} />
          </Field>
        </ErrorScope>
        <button type="submit" disabled={fetching || inputs.length === 0}>
          Buy extras
        </button>
      </form>
    </details>
  );
}

/** Extension requests: the seller asks for more days, the buyer answers. */
export function ExtensionSection({ order, onDone }: { order: ResolutionOrder; onDone: () => void }) {
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [answerOutcome, setAnswerOutcome] = useState<Outcome>(NO_OUTCOME);
  const [requesting, requestExtension] = useMutation(RequestExtension);
  const [answering, answerExtension] = useMutation(AnswerExtension);
  const canRequest = can(order, 'REQUEST_EXTENSION');
  const canAnswer = can(order, 'ANSWER_EXTENSION');
  if (order.extensionRequests.length === 0 && !canRequest) return null;

  async function request(event: FormEvent) {
    event.preventDefault();
    const n = parseWholeNumber(days);
    if (n === null) {
      setOutcome({ userErrors: [{ field: ['input', 'days'], message: 'Enter a whole number of days.', code: 'INVALID' }] });
      return;
    }
    const ok = await perform(
      requestExtension({ input: { orderId: order.id, days: n, reason } }),
      (d) => d.requestExtension,
      setOutcome,
      onDone,
    );
    if (ok) {
      setDays('');
      setReason('');
    }
  }

  const answer = (requestId: string, accept: boolean) =>
    void perform(answerExtension({ input: { requestId, accept } }), (d) => d.answerExtension, setAnswerOutcome, onDone);

  return (
    <section className="step" aria-label="Extensions" data-testid="extensions">
      <h2>More time</h2>
      {order.extensionRequests.length > 0 && (
        <ul className="requests">
          {order.extensionRequests.map((r) => (
            <RequestLine key={r.id} request={r}>
              <p>
                <strong>
                  {r.days} more day{r.days === 1 ? '' : 's'}
                </strong>
                : {r.reason}
              </p>
              {r.status === 'PENDING' && canAnswer && (
                <AnswerButtons what="extension" disabled={answering.fetching} answer={(accept) => answer(r.id, accept)} />
              )}
            </RequestLine>
          ))}
        </ul>
      )}
      <ErrorNotice error={answerOutcome.error} />
      <ErrorScope errors={answerOutcome.userErrors} fields={[]}>
        {null}
      </ErrorScope>
      {canRequest && (
        <form onSubmit={(event) => void request(event)} aria-label="Request an extension" noValidate className="subform">
          <h3>Ask the buyer for more time</h3>
          <ErrorNotice error={outcome.error} />
          <ErrorScope errors={outcome.userErrors} fields={['input.days', 'input.reason']}>
            <div className="row">
              <Field name="input.days" label="Days" hint="1-30.">
                <input name="extensionDays" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
              </Field>
              <Field name="input.reason" label="Why?" hint="10-500 characters.">
                <input name="extensionReason" value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
            </div>
          </ErrorScope>
          <button type="submit" className="secondary" disabled={requesting.fetching}>
            Request extension
          </button>
        </form>
      )}
    </section>
  );
}

/** Cancellation by agreement: either party asks, the other accepts or declines, the asker may withdraw. */
export function CancellationSection({
  order,
  viewerId,
  onDone,
}: {
  order: ResolutionOrder;
  viewerId: string | undefined;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [answerOutcome, setAnswerOutcome] = useState<Outcome>(NO_OUTCOME);
  const [requesting, requestCancellation] = useMutation(RequestCancellation);
  const [answering, answerCancellation] = useMutation(AnswerCancellation);
  const [withdrawing, withdrawCancellation] = useMutation(WithdrawCancellation);
  const canRequest = can(order, 'REQUEST_CANCELLATION');
  const canAnswer = can(order, 'ANSWER_CANCELLATION');
  const canWithdraw = can(order, 'WITHDRAW_CANCELLATION');
  if (order.cancellationRequests.length === 0 && !canRequest) return null;

  async function request(event: FormEvent) {
    event.preventDefault();
    const ok = await perform(
      requestCancellation({ input: { orderId: order.id, reason } }),
      (d) => d.requestCancellation,
      setOutcome,
      onDone,
    );
    if (ok) setReason('');
  }

  const answer = (requestId: string, accept: boolean) =>
    void perform(answerCancellation({ input: { requestId, accept } }), (d) => d.answerCancellation, setAnswerOutcome, onDone);

  const withdraw = (requestId: string) =>
    void perform(withdrawCancellation({ input: { requestId } }), (d) => d.withdrawCancellation, setAnswerOutcome, onDone);

  return (
    <section className="step" aria-label="Cancellation requests" data-testid="cancellations">
      <h2>Cancel by agreement</h2>
      {order.cancellationRequests.length > 0 && (
        <ul className="requests">
          {order.cancellationRequests.map((r) => {
            const mine = r.requestedBy?.id === viewerId;
            return (
              <RequestLine key={r.id} request={r}>
                <p>
                  <strong>{mine ? 'You' : (r.requestedBy?.displayName ?? <Unavailable what="The member" />)}</strong> asked to cancel:{' '}
                  {r.reason}
                </p>
                {r.status === 'PENDING' && canAnswer && !mine && (
                  <AnswerButtons what="cancellation" disabled={answering.fetching} answer={(accept) => answer(r.id, accept)} />
                )}
                {r.status === 'PENDING' && canWithdraw && mine && (
                  <button type="button" className="secondary" disabled={withdrawing.fetching} onClick={() => withdraw(r.id)}>
                    Withdraw request
                  </button>
                )}
              </RequestLine>
            );
          })}
        </ul>
      )}
      <ErrorNotice error={answerOutcome.error} />
      <ErrorScope errors={answerOutcome.userErrors} fields={[]}>
        {null}
      </ErrorScope>
      {canRequest && (
        <form onSubmit={(event) => void request(event)} aria-label="Request cancellation" noValidate className="subform">
          <p className="muted">
            The other party has 48 hours to answer; no answer cancels the order. A cancelled order refunds the buyer in full.
          </p>
          <ErrorNotice error={outcome.error} />
          <ErrorScope errors={outcome.userErrors} fields={['input.reason']}>
            <Field name="input.reason" label="Why should the order be cancelled?" hint="10-500 characters.">
              <input name="cancellationReason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          </ErrorScope>
          <button type="submit" className="secondary" disabled={requesting.fetching}>
            Ask to cancel
          </button>
        </form>
      )}
    </section>
  );
}

/** Partial refunds: the seller offers part of the subtotal back; accepting completes the order. */
export function PartialRefundSection({ order, onDone }: { order: ResolutionOrder; onDone: () => void }) {
  const [percent, setPercent] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [answerOutcome, setAnswerOutcome] = useState<Outcome>(NO_OUTCOME);
  const [offering, offerPartialRefund] = useMutation(OfferPartialRefund);
  const [answering, answerPartialRefund] = useMutation(AnswerPartialRefund);
  const canOffer = can(order, 'OFFER_PARTIAL_REFUND');
  const canAnswer = can(order, 'ANSWER_PARTIAL_REFUND');
  if (order.partialRefundOffers.length === 0 && !canOffer) return null;

  async function offer(event: FormEvent) {
    event.preventDefault();
    const n = parseWholeNumber(percent);
    if (n === null) {
      setOutcome({ userErrors: [{ field: ['input', 'percent'], message: 'Enter a whole number.', code: 'INVALID' }] });
      return;
    }
    const ok = await perform(
      offerPartialRefund({ input: { orderId: order.id, percent: n } }),
      (d) => d.offerPartialRefund,
      setOutcome,
      onDone,
    );
    if (ok) setPercent('');
  }

  const answer = (requestId: string, accept: boolean) =>
    void perform(answerPartialRefund({ input: { requestId, accept } }), (d) => d.answerPartialRefund, setAnswerOutcome, onDone);

  return (
    <section className="step" aria-label="Partial refunds" data-testid="partial-refunds">
      <h2>Partial refund</h2>
      {order.partialRefundOffers.length > 0 && (
        <ul className="requests">
          {order.partialRefundOffers.map((r) => (
            <RequestLine key={r.id} request={r}>
              <p>
                <strong>
                  {r.percent}% back ({r.amount.formatted})
                </strong>{' '}
                and the order completes.
              </p>
              {r.status === 'PENDING' && canAnswer && (
                <AnswerButtons what="refund" disabled={answering.fetching} answer={(accept) => answer(r.id, accept)} />
              )}
            </RequestLine>
          ))}
        </ul>
      )}
      <ErrorNotice error={answerOutcome.error} />
      <ErrorScope errors={answerOutcome.userErrors} fields={[]}>
        {null}
      </ErrorScope>
      {canOffer && (
        <form onSubmit={(event) => void offer(event)} aria-label="Offer a partial refund" noValidate className="subform">
          <p className="muted">Instead of cancelling: give back part of the subtotal; if the buyer accepts, the order completes.</p>
          <ErrorNotice error={outcome.error} />
          <ErrorScope errors={outcome.userErrors} fields={['input.percent']}>
            <Field name="input.percent" label="Percent of the subtotal" hint="1-60.">
              <input name="refundPercent" inputMode="numeric" value={percent} onChange={(e) => setPercent(e.target.value)} />
            </Field>
          </ErrorScope>
          <button type="submit" className="secondary" disabled={offering.fetching}>
            Offer refund
          </button>
        </form>
      )}
    </section>
  );
}

/** The dispute: how it stands, the form to open one (either party), and an admin's decision. */
export function DisputeSection({ order, onDone }: { order: ResolutionOrder; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [{ fetching }, openDispute] = useMutation(OpenDispute);
  const canOpen = can(order, 'OPEN_DISPUTE');
  const dispute = order.dispute;
  if (!dispute && !canOpen) return null;

  async function open(event: FormEvent) {
    event.preventDefault();
    const ok = await perform(openDispute({ input: { orderId: order.id, reason } }), (d) => d.openDispute, setOutcome, onDone);
    if (ok) setReason('');
  }

  return (
    <section className="step" aria-label="Dispute" data-testid="dispute">
      <h2>Dispute</h2>
      {dispute && <DisputeShown dispute={dispute} />}
      {dispute?.status === 'OPEN' && can(order, 'RESOLVE_DISPUTE') && <ResolveDisputeForm orderId={order.id} onDone={onDone} />}
      {canOpen && (
        <details>
          <summary>Ask an admin to decide</summary>
          <form onSubmit={(event) => void open(event)} aria-label="Open a dispute" noValidate>
            <p className="muted">Once per order. While it is open the order waits for the admin: it does not complete by itself.</p>
            <ErrorNotice error={outcome.error} />
            <ErrorScope errors={outcome.userErrors} fields={['input.reason']}>
              <Field name="input.reason" label="What went wrong?" hint="20-2000 characters.">
                <textarea name="disputeReason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
            </ErrorScope>
            <button type="submit" className="danger" disabled={fetching}>
              Open a dispute
            </button>
          </form>
        </details>
      )}
    </section>
  );
}

export function DisputeShown({ dispute }: { dispute: DisputeFieldsFragment }) {
  return (
    <div className="dispute-shown">
      <p>
        <span className={`status dispute-${dispute.status.toLowerCase()}`}>{dispute.status === 'OPEN' ? 'Open' : 'Resolved'}</span> opened
        by {dispute.openedBy?.displayName ?? <Unavailable what="The member" />} · {formatDateTime(dispute.createdAt)}
      </p>
      <p>{dispute.reason}</p>
      {dispute.status === 'RESOLVED' && dispute.outcome && (
        <p>
          <strong>Decision:</strong> {disputeOutcomeLabel[dispute.outcome]}
          {dispute.outcome === 'PARTIAL_REFUND' && dispute.refundPercent !== null && ` (${dispute.refundPercent}%)`}
          {dispute.resolvedAt && <span className="muted"> · {formatDateTime(dispute.resolvedAt)}</span>}
          {dispute.resolutionNote && (
            <>
              <br />
              {dispute.resolutionNote}
            </>
          )}
        </p>
      )}
    </div>
  );
}

const OUTCOMES: DisputeOutcome[] = ['COMPLETE', 'CANCEL', 'PARTIAL_REFUND'];

/** An admin decides an OPEN dispute (the order page and the admin's disputes page). */
export function ResolveDisputeForm({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const [decision, setDecision] = useState<DisputeOutcome>('COMPLETE');
  const [refundPercent, setRefundPercent] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [{ fetching }, resolveDispute] = useMutation(ResolveDispute);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const percent = decision === 'PARTIAL_REFUND' ? parseWholeNumber(refundPercent) : null;
    if (decision === 'PARTIAL_REFUND' && percent === null) {
      setOutcome({ userErrors: [{ field: ['input', 'refundPercent'], message: 'Enter a whole number.', code: 'INVALID' }] });
      return;
    }
    await perform(
      resolveDispute({ input: { orderId, outcome: decision, refundPercent: percent, note } }),
      (d) => d.resolveDispute,
      setOutcome,
      onDone,
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Resolve dispute" noValidate className="subform">
      <h3>Decide</h3>
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={['input.outcome', 'input.refundPercent', 'input.note']}>
        <Field name="input.outcome" label="Outcome">
          <select name="outcome" value={decision} onChange={(e) => setDecision(e.target.value as DisputeOutcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {disputeOutcomeLabel[o]}
              </option>
            ))}
          </select>
        </Field>
        {decision === 'PARTIAL_REFUND' && (
          <Field name="input.refundPercent" label="Refund (% of the subtotal)" hint="1-100.">
            <input
              name="disputeRefundPercent"
              inputMode="numeric"
              value={refundPercent}
              onChange={(e) => setRefundPercent(e.target.value)}
            />
          </Field>
        )}
        <Field name="input.note" label="Note to both parties" hint="1-2000 characters.">
          <textarea name="resolutionNote" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Resolve dispute
      </button>
    </form>
  );
}

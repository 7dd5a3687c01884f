import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../gql';
import type { OrderAction, OrderChargeKind, OrderDetailsQuery } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field, perform, Unavailable, type Outcome } from '../errors';
import { FileLink, FileUploads } from '../files';
import { formatDateTime, revisionsLabel, statusLabel } from '../format';
import { useViewer } from '../viewer';
import { TipSection } from './Tip';
import { extraEffect } from '../extras';
import { BuyExtrasForm, CancellationSection, DisputeSection, ExtensionSection, PartialRefundSection } from './OrderResolution';

const OrderDetails = graphql(`
  query OrderDetails($id: ID!) {
    order(id: $id) {
      id
      number
      status
      createdAt
      dueAt
      isLate
      revisionsUsed
      revisionsRemaining
      completedAt
      cancelledAt
      subtotal {
        formatted
      }
      serviceFee {
        formatted
      }
      total {
        formatted
      }
      sellerEarnings {
        formatted
      }
      refunded {
        amountCents
        formatted
      }
      autoCompletesAt
      offer {
        id
      }
      extras {
        extraId
        kind
        title
        quantity
        total {
          formatted
        }
        days
      }
      charges {
        kind
        subtotal {
          formatted
        }
        serviceFee {
          formatted
        }
        total {
          formatted
        }
        at
      }
      ...OrderResolutionFields
      package {
        tier
        name
        deliveryDays
        revisions
        gigTitle
        price {
          formatted
        }
      }
      gig {
        id
        requirements {
          id
          question
          required
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
      }
      buyer {
        id
        username
        displayName
      }
      seller {
        id
        username
        displayName
      }
      requirements {
        question
        answer
      }
      deliveries {
        id
        message
        attachments
        deliveredAt
        files {
          id
          name
          sizeBytes
          url
        }
      }
      messages {
        id
        body
        sentAt
        author {
          id
          displayName
        }
      }
      events {
        type
        at
        note
        actor {
          id
          displayName
        }
      }
      review {
        id
        rating
        communication
        serviceAsDescribed
        recommend
        comment
        sellerResponse
        createdAt
      }
    }
  }
`);

const SubmitRequirements = graphql(`
  mutation SubmitRequirements($input: SubmitRequirementsInput!) {
    submitRequirements(input: $input) {
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

const DeliverOrder = graphql(`
  mutation DeliverOrder($input: DeliverOrderInput!) {
    deliverOrder(input: $input) {
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

const RequestRevision = graphql(`
  mutation RequestRevision($input: RequestRevisionInput!) {
    requestRevision(input: $input) {
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

const AcceptDelivery = graphql(`
  mutation AcceptDelivery($input: OrderIdInput!) {
    acceptDelivery(input: $input) {
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

const CancelOrder = graphql(`
  mutation CancelOrder($input: CancelOrderInput!) {
    cancelOrder(input: $input) {
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

const SendOrderMessage = graphql(`
  mutation SendOrderMessage($input: SendOrderMessageInput!) {
    sendOrderMessage(input: $input) {
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

const LeaveReview = graphql(`
  mutation LeaveReview($input: LeaveReviewInput!) {
    leaveReview(input: $input) {
      review {
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

const RespondToReview = graphql(`
  mutation RespondToReview($input: RespondToReviewInput!) {
    respondToReview(input: $input) {
      review {
        id
        sellerResponse
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Order = NonNullable<OrderDetailsQuery['order']>;

/** Pushed after each change of the order (status, delivery, message, request...): the page fetches it again. */
const OrderLive = graphql(`
  subscription OrderLive($id: ID!) {
    orderUpdated(id: $id) {
      id
      status
    }
  }
`);

export function OrderPage() {
  const { id = '' } = useParams();
  const { me } = useViewer();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OrderDetails, variables: { id }, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Live: whatever the other side (or the system) changes shows without a reload.
  const [{ data: live }] = useSubscription({ query: OrderLive, variables: { id }, pause: !me || !data?.order });
  useEffect(() => {
    if (live) refetch({ requestPolicy: 'network-only' });
  }, [live, refetch]);

  if (fetching && !data) return <p className="muted">Loading…</p>;
  const order = data?.order;
  if (!order) {
    return (
      <>
        <ErrorNotice error={error} />
        {!error && <p>This order does not exist, or it is not yours.</p>}
      </>
    );
  }
  // buyer and seller are null only while the users service is down (me is then unknown too).
  const isSeller = !!me && me.id === order.seller?.id;
  // The buttons are the ones the server says the viewer may use now (the same table that judges
  // the mutations), and no others.
  const can = (action: OrderAction) => order.viewerActions.includes(action);

  return (
    <div className="order-layout">
      <div className="order-main">
        <p className="muted">
          <Link to={`/orders?role=${isSeller ? 'SELLER' : 'BUYER'}`}>← Orders</Link>
        </p>
        <h1>
          Order #{order.number}{' '}
          <span className={`status status-${order.status.toLowerCase()}`} data-testid="order-status">
            {statusLabel[order.status]}
          </span>
          {order.isLate && <span className="late"> late</span>}
        </h1>
        <p data-testid="order-package">
          {/* The title is the order's own snapshot; the link needs the gigs service. */}
          {order.gig ? <Link to={`/gigs/${order.gig.id}`}>{order.package.gigTitle}</Link> : order.package.gigTitle} — {order.package.name} (
          {order.package.tier.toLowerCase()})
        </p>
        {order.offer && <p className="muted">Placed from a custom offer: the terms were the seller's own.</p>}
        {order.autoCompletesAt && (
          <p className="muted">Completes by itself on {formatDateTime(order.autoCompletesAt)} unless the buyer acts first.</p>
        )}

        {order.status === 'AWAITING_REQUIREMENTS' &&
          (can('SUBMIT_REQUIREMENTS') ? (
            <RequirementsForm order={order} onDone={reload} />
          ) : (
            <Step title="Waiting for the buyer">The buyer has not answered the requirements yet.</Step>
          ))}

        {order.requirements.length > 0 && (
          <Step title="Requirements">
            <dl className="answers">
              {order.requirements.map((r) => (
                <div key={r.question}>
                  <dt>{r.question}</dt>
                  <dd>{r.answer}</dd>
                </div>
              ))}
            </dl>
          </Step>
        )}

        {order.deliveries.length > 0 && (
          <Step title="Deliveries">
            {order.deliveries.map((d, i) => (
              <div key={d.id} className="delivery" data-testid="delivery">
                <p className="muted">
                  Delivery #{i + 1} · {formatDateTime(d.deliveredAt)}
                </p>
                <p>{d.message}</p>
                {d.files && d.files.length > 0 && (
                  <div className="files">
                    {d.files.map((f) => (
                      <div key={f.id}>
                        <FileLink file={f} />
                      </div>
                    ))}
                  </div>
                )}
                {/* files is null only while the media service is down. */}
                {!d.files && <Unavailable what="The delivered files" />}
                {d.attachments.length > 0 && (
                  <ul>
                    {d.attachments.map((a) => (
                      <li key={a}>
                        <a href={a} rel="noreferrer noopener" target="_blank">
                          {a}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </Step>
        )}

        {can('DELIVER') && <DeliverForm order={order} onDone={reload} />}
        {(can('ACCEPT_DELIVERY') || can('REQUEST_REVISION')) && (
          <DeliveredActions order={order} canAccept={can('ACCEPT_DELIVERY')} canRevise={can('REQUEST_REVISION')} onDone={reload} />
        )}
        {can('LEAVE_REVIEW') && <ReviewForm order={order} onDone={reload} />}
        {/* The tip form while TIP is allowed, and the tip once given (TipSection decides which). */}
        {!!me && me.id === order.buyer?.id && order.status === 'COMPLETED' && <TipSection orderId={order.id} />}
        {order.review && <ReviewShown order={order} canRespond={can('RESPOND_TO_REVIEW')} onDone={reload} />}

        <ExtensionSection order={order} onDone={reload} />
        <BuyExtrasForm order={order} extras={order.gig?.extras ?? []} onDone={reload} />
        <PartialRefundSection order={order} onDone={reload} />
        <CancellationSection order={order} viewerId={me?.id} onDone={reload} />
        <DisputeSection order={order} onDone={reload} />

        <Messages order={order} canSend={can('SEND_MESSAGE')} myId={me?.id} onDone={reload} />

        {can('CANCEL') && <CancelForm order={order} onDone={reload} />}
      </div>

      <aside className="order-summary">
        <h2>Summary</h2>
        <dl className="facts">
          <div>
            <dt>Buyer</dt>
            <dd>{order.buyer?.displayName ?? <Unavailable what="The buyer" />}</dd>
          </div>
          <div>
            <dt>Seller</dt>
            <dd>{order.seller?.displayName ?? <Unavailable what="The seller" />}</dd>
          </div>
          <div>
            <dt>Ordered</dt>
            <dd>{formatDateTime(order.createdAt)}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd data-testid="order-due">{order.dueAt ? formatDateTime(order.dueAt) : 'When work starts'}</dd>
          </div>
          <div>
            <dt>Revisions</dt>
            <dd>
              {order.revisionsUsed} used · {order.revisionsRemaining === null ? 'unlimited' : `${order.revisionsRemaining} left`}
            </dd>
          </div>
          <div>
            <dt>Package</dt>
            <dd>
              {order.package.deliveryDays}-day delivery, {revisionsLabel(order.package.revisions).toLowerCase()}
            </dd>
          </div>
          {order.extras.length > 0 && (
            <div>
              <dt>Extras</dt>
              <dd>
                <ul className="ordered-extras" data-testid="order-extras">
                  {order.extras.map((e, i) => (
                    <li key={i}>
                      {e.title}
                      {e.quantity > 1 && ` × ${e.quantity}`} ({e.total.formatted})
                      {extraEffect(e) && <span className="muted"> · {extraEffect(e)}</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          <div>
            <dt>Subtotal</dt>
            <dd>{order.subtotal.formatted}</dd>
          </div>
          <div>
            <dt>Service fee</dt>
            <dd>{order.serviceFee.formatted}</dd>
          </div>
          <div>
            <dt>Total</dt>
            <dd>
              <strong>{order.total.formatted}</strong>
            </dd>
          </div>
          {order.refunded.amountCents > 0 && (
            <div>
              <dt>Refunded</dt>
              <dd>{order.refunded.formatted}</dd>
            </div>
          )}
          {isSeller && (
            <div>
              <dt>You earn</dt>
              <dd>{order.sellerEarnings.formatted}</dd>
            </div>
          )}
        </dl>
        {order.charges.length > 1 && (
          <>
            <h2>Payments</h2>
            <ol className="charges" data-testid="charges">
              {order.charges.map((c, i) => (
                <li key={i}>
                  {chargeLabel[c.kind]}: <strong>{c.total.formatted}</strong>
                  <span className="muted">
                    {' '}
                    ({c.subtotal.formatted} + {c.serviceFee.formatted} fee) · {formatDateTime(c.at)}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
        <h2>History</h2>
        <ol className="events">
          {order.events.map((e, i) => (
            <li key={i}>
              <strong>{e.type.replaceAll('_', ' ').toLowerCase()}</strong>
              {e.actor && ` by ${e.actor.displayName}`}
              <br />
              <span className="muted">{formatDateTime(e.at)}</span>
              {e.note && <p className="note">{e.note}</p>}
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

const chargeLabel: Record<OrderChargeKind, string> = { ORDER: 'The order', EXTRAS: 'Extras', TIP: 'Tip' };

function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="step">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function RequirementsForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, submitRequirements] = useMutation(SubmitRequirements);
  // The questions are the gig's: null only while the gigs service is down.
  const questions = order.gig?.requirements ?? [];
  // Blank optional answers are left out, so the n-th answer sent is the n-th one filled in.
  const sent = questions.filter((r) => (answers[r.id] ?? '').trim() !== '' || r.required);
  const fieldOf = (requirementId: string) => `input.answers.${sent.findIndex((r) => r.id === requirementId)}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await perform(
      submitRequirements({
        input: { orderId: order.id, answers: sent.map((q) => ({ requirementId: q.id, answer: answers[q.id] ?? '' })) },
      }),
      (d) => d.submitRequirements,
      setOutcome,
      onDone,
    );
  }

  if (!order.gig) {
    return (
      <section className="step">
        <h2>Tell the seller what you need</h2>
        <p>
          The seller's questions: <Unavailable what="The seller's questions" />
        </p>
      </section>
    );
  }

  return (
    <form className="step" onSubmit={(event) => void submit(event)} aria-label="Requirements" noValidate>
      <h2>Tell the seller what you need</h2>
      <p className="muted">Work starts once you send your answers.</p>
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={['input.answers', ...questions.map((r) => fieldOf(r.id))]}>
        <Field name="input.answers" label="Your answers" group>
          {questions.map((r) => (
            <Field key={r.id} name={fieldOf(r.id)} label={`${r.question}${r.required ? ' *' : ''}`}>
              <textarea
                rows={3}
                name={`answer.${r.id}`}
                value={answers[r.id] ?? ''}
                onChange={(e) => setAnswers({ ...answers, [r.id]: e.target.value })}
              />
            </Field>
          ))}
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Start the order
      </button>
    </form>
  );
}

function DeliverForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const [message, setMessage] = useState('');
  const [attachments, setAttachments] = useState('');
  const [fileIds, setFileIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  // A new key empties the file list after a delivery.
  const [uploadsKey, setUploadsKey] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, deliverOrder] = useMutation(DeliverOrder);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const links = attachments
      .split(/\s+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const ok = await perform(
      deliverOrder({ input: { orderId: order.id, message, attachments: links, fileIds } }),
      (d) => d.deliverOrder,
      setOutcome,
      onDone,
    );
    if (ok) {
      setMessage('');
      setAttachments('');
      setUploadsKey((k) => k + 1);
    }
  }

  return (
    <form className="step" onSubmit={(event) => void submit(event)} aria-label="Deliver" noValidate>
      <h2>{order.status === 'IN_REVISION' ? 'Deliver the revision' : 'Deliver your work'}</h2>
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={['input.message', 'input.attachments', 'input.fileIds']}>
        <Field name="input.message" label="Message to the buyer">
          <textarea name="message" rows={4} value={message} onChange={(e) => setMessage(e.target.value)} />
        </Field>
        <Field
          name="input.fileIds"
          label="Files"
          hint="Up to 20 files (not programs), at most 1 GB each; only the buyer can download them."
          group
        >
          <FileUploads key={uploadsKey} purpose="DELIVERY" name="files" max={20} onChange={setFileIds} onBusyChange={setUploading} />
        </Field>
        <Field name="input.attachments" label="Links to the files" hint="One per line.">
          <textarea name="attachments" rows={2} value={attachments} onChange={(e) => setAttachments(e.target.value)} />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching || uploading}>
        Deliver
      </button>
    </form>
  );
}

function DeliveredActions({
  order,
  canAccept,
  canRevise,
  onDone,
}: {
  order: Order;
  canAccept: boolean;
  canRevise: boolean;
  onDone: () => void;
}) {
  const [message, setMessage] = useState('');
  const [revisionOutcome, setRevisionOutcome] = useState<Outcome>({ userErrors: [] });
  const [acceptOutcome, setAcceptOutcome] = useState<Outcome>({ userErrors: [] });
  const [revising, requestRevision] = useMutation(RequestRevision);
  const [accepting, acceptDelivery] = useMutation(AcceptDelivery);

  async function revise(event: FormEvent) {
    event.preventDefault();
    await perform(requestRevision({ input: { orderId: order.id, message } }), (d) => d.requestRevision, setRevisionOutcome, onDone);
  }

  async function accept() {
    await perform(acceptDelivery({ input: { orderId: order.id } }), (d) => d.acceptDelivery, setAcceptOutcome, onDone);
  }

  return (
    <section className="step">
      <h2>Your delivery is here</h2>
      <p>Happy with it? Accept it to complete the order. It completes on its own 3 days after delivery.</p>
      <ErrorNotice error={acceptOutcome.error} />
      <ErrorScope errors={acceptOutcome.userErrors} fields={[]}>
        {null}
      </ErrorScope>
      {canAccept && (
        <button type="button" disabled={accepting.fetching} onClick={() => void accept()}>
          Accept and complete
        </button>
      )}
      {canRevise && (
        <form onSubmit={(event) => void revise(event)} aria-label="Revision" noValidate className="subform">
          <h3>Or ask for a revision ({order.revisionsRemaining === null ? 'unlimited' : `${order.revisionsRemaining} left`})</h3>
          <ErrorNotice error={revisionOutcome.error} />
          <ErrorScope errors={revisionOutcome.userErrors} fields={['input.message']}>
            <Field name="input.message" label="What should change?">
              <textarea name="revisionMessage" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
            </Field>
          </ErrorScope>
          <button type="submit" className="secondary" disabled={revising.fetching}>
            Ask for a revision
          </button>
        </form>
      )}
    </section>
  );
}

const SCORES = [5, 4, 3, 2, 1];

function ReviewForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const [rating, setRating] = useState('5');
  const [communication, setCommunication] = useState('');
  const [serviceAsDescribed, setServiceAsDescribed] = useState('');
  const [recommend, setRecommend] = useState('');
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, leaveReview] = useMutation(LeaveReview);
  const optional = (v: string) => (v === '' ? null : Number(v));

  async function submit(event: FormEvent) {
    event.preventDefault();
    await perform(
      leaveReview({
        input: {
          orderId: order.id,
          rating: Number(rating),
          communication: optional(communication),
          serviceAsDescribed: optional(serviceAsDescribed),
          recommend: optional(recommend),
          comment,
        },
      }),
      (d) => d.leaveReview,
      setOutcome,
      onDone,
    );
  }

  const scoreSelect = (name: string, value: string, set: (v: string) => void, allowNone: boolean) => (
    <select name={name} value={value} onChange={(e) => set(e.target.value)}>
      {allowNone && <option value="">—</option>}
      {SCORES.map((s) => (
        <option key={s} value={s}>
          {'★'.repeat(s)} ({s})
        </option>
      ))}
    </select>
  );

  return (
    <form className="step" onSubmit={(event) => void submit(event)} aria-label="Review" noValidate>
      <h2>Review your order</h2>
      <ErrorNotice error={outcome.error} />
      <ErrorScope
        errors={outcome.userErrors}
        fields={['input.rating', 'input.communication', 'input.serviceAsDescribed', 'input.recommend', 'input.comment']}
      >
        <div className="row">
          <Field name="input.rating" label="Overall">
            {scoreSelect('rating', rating, setRating, false)}
          </Field>
          <Field name="input.communication" label="Communication">
            {scoreSelect('communication', communication, setCommunication, true)}
          </Field>
          <Field name="input.serviceAsDescribed" label="As described">
            {scoreSelect('serviceAsDescribed', serviceAsDescribed, setServiceAsDescribed, true)}
          </Field>
          <Field name="input.recommend" label="Would recommend">
            {scoreSelect('recommend', recommend, setRecommend, true)}
          </Field>
        </div>
        <Field name="input.comment" label="Your review" hint="10-1000 characters, shown on the gig.">
          <textarea name="comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Publish review
      </button>
    </form>
  );
}

function ReviewShown({ order, canRespond, onDone }: { order: Order; canRespond: boolean; onDone: () => void }) {
  const review = order.review!;
  const [response, setResponse] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, respond] = useMutation(RespondToReview);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await perform(respond({ input: { reviewId: review.id, response } }), (d) => d.respondToReview, setOutcome, onDone);
  }

  return (
    <Step title="Review">
      <blockquote className="review" data-testid="order-review">
        <p>
          <strong>{'★'.repeat(review.rating)}</strong>
          <span className="muted">{'★'.repeat(5 - review.rating)}</span> · {formatDateTime(review.createdAt)}
        </p>
        <p>{review.comment}</p>
        {review.sellerResponse && <p className="response">Seller's response: {review.sellerResponse}</p>}
      </blockquote>
      {canRespond && (
        <form onSubmit={(event) => void submit(event)} aria-label="Respond to review" noValidate className="subform">
          <ErrorNotice error={outcome.error} />
          <ErrorScope errors={outcome.userErrors} fields={['input.response']}>
            <Field name="input.response" label="Reply publicly">
              <textarea name="response" rows={2} value={response} onChange={(e) => setResponse(e.target.value)} />
            </Field>
          </ErrorScope>
          <button type="submit" className="secondary" disabled={fetching}>
            Reply
          </button>
        </form>
      )}
    </Step>
  );
}

function Messages({ order, canSend, myId, onDone }: { order: Order; canSend: boolean; myId: string | undefined; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, send] = useMutation(SendOrderMessage);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await perform(send({ input: { orderId: order.id, body } }), (d) => d.sendOrderMessage, setOutcome, onDone);
    if (ok) setBody('');
  }

  return (
    <section className="step">
      <h2>Messages</h2>
      {order.messages.length === 0 && <p className="muted">No messages yet.</p>}
      <ul className="messages">
        {order.messages.map((m) => (
          <li key={m.id} className={m.author !== null && m.author.id === myId ? 'mine' : ''} data-testid="message">
            <p className="muted">
              {m.author?.displayName ?? <Unavailable what="The author" />} · {formatDateTime(m.sentAt)}
            </p>
            <p>{m.body}</p>
          </li>
        ))}
      </ul>
      {canSend && (
        <form onSubmit={(event) => void submit(event)} aria-label="Send a message" noValidate>
          <ErrorNotice error={outcome.error} />
          <ErrorScope errors={outcome.userErrors} fields={['input.body']}>
            <Field name="input.body" label="Message">
              <textarea name="body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
            </Field>
          </ErrorScope>
          <button type="submit" className="secondary" disabled={fetching}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}

function CancelForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, cancel] = useMutation(CancelOrder);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await perform(cancel({ input: { orderId: order.id, reason } }), (d) => d.cancelOrder, setOutcome, onDone);
  }

  return (
    <details className="step cancel">
      <summary>Cancel this order</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Cancel order" noValidate>
        <ErrorNotice error={outcome.error} />
        <ErrorScope errors={outcome.userErrors} fields={['input.reason']}>
          <Field name="input.reason" label="Why?">
            <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </ErrorScope>
        <button type="submit" className="danger" disabled={fetching}>
          Cancel order
        </button>
      </form>
    </details>
  );
}

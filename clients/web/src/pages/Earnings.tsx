import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { LedgerEntryKind } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field, type UserErrorLike } from '../errors';
import { dollarsToCents, formatDate, formatDateTime } from '../format';
import { newIdempotencyKey } from '../idempotency';
import { useViewer } from '../viewer';

const MyEarnings = graphql(`
  query MyEarnings($after: String) {
    me {
      id
      sellerEarnings {
        pendingClearance {
          formatted
        }
        available {
          amountCents
          formatted
        }
        withdrawn {
          formatted
        }
        lifetime {
          formatted
        }
        ledger(first: 20, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              kind
              amount {
                amountCents
                formatted
              }
              availableAt
              createdAt
              order {
                id
                number
              }
            }
          }
        }
        withdrawals(first: 10) {
          totalCount
          edges {
            node {
              id
              amount {
                formatted
              }
              status
              failureReason
              createdAt
            }
          }
        }
      }
    }
  }
`);

const WithdrawEarnings = graphql(`
  mutation WithdrawEarnings($input: WithdrawEarningsInput!) {
    withdrawEarnings(input: $input) {
      withdrawal {
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

const KIND_LABEL: Record<LedgerEntryKind, string> = {
  ORDER_EARNING: 'Order earnings',
  TIP_EARNING: 'Tip',
  REFUND: 'Refund',
  WITHDRAWAL: 'Withdrawal',
  WITHDRAWAL_REVERSAL: 'Withdrawal given back',
};

/**
 * The seller's money (orders.money.graphql): balances from the ledger, the ledger newest first
 * (20 lines a page), the withdrawals, and a form to withdraw from what is available.
 */
export function EarningsPage() {
  const { me } = useViewer();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyEarnings, variables: { after }, requestPolicy: 'cache-and-network' });
  if (!me) {
    return (
      <p>
        Please <Link to="/login?next=/earnings">log in</Link> to see your earnings.
      </p>
    );
  }
  const earnings = data?.me?.sellerEarnings;
  return (
    <div className="page earnings">
      <h1>Earnings</h1>
      <ErrorNotice error={error} />
      {!earnings ? (
        fetching ? (
          <p className="muted">Loading…</p>
        ) : null
      ) : (
        <>
          <dl className="facts balances" data-testid="balances">
            <div>
              <dt>Available</dt>
              <dd data-testid="available">{earnings.available.formatted}</dd>
            </div>
            <div>
              <dt>Pending clearance</dt>
              <dd data-testid="pending">{earnings.pendingClearance.formatted}</dd>
            </div>
            <div>
              <dt>Withdrawn</dt>
              <dd data-testid="withdrawn">{earnings.withdrawn.formatted}</dd>
            </div>
            <div>
              <dt>Lifetime</dt>
              <dd>{earnings.lifetime.formatted}</dd>
            </div>
          </dl>
          <p className="muted">Order earnings clear 14 days after completion (7 for Top Rated sellers); tips are available at once.</p>

          <WithdrawForm availableCents={earnings.available.amountCents} onDone={() => refetch({ requestPolicy: 'network-only' })} />

          <section>
            <h2>Ledger ({earnings.ledger.totalCount})</h2>
            {earnings.ledger.edges.length === 0 ? (
              <p className="muted">Nothing yet: completed orders and tips appear here.</p>
            ) : (
              <table className="ledger" data-testid="ledger">
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>What</th>
                    <th>Order</th>
                    <th>Amount</th>
                    <th>Available</th>
                  </tr>
                </thead>
                <tbody>
                  {earnings.ledger.edges.map(({ node }) => (
                    <tr key={node.id} data-testid="ledger-line">
                      <td>{formatDateTime(node.createdAt)}</td>
                      <td>{KIND_LABEL[node.kind]}</td>
                      <td>{node.order ? <Link to={`/orders/${node.order.id}`}>{node.order.number}</Link> : '—'}</td>
                      <td className={node.amount.amountCents < 0 ? 'debit' : 'credit'}>{node.amount.formatted}</td>
                      <td>{node.availableAt ? formatDate(node.availableAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="pager">
              {after && (
                <button type="button" className="secondary" onClick={() => setAfter(null)}>
                  Newest
                </button>
              )}
              {earnings.ledger.pageInfo.hasNextPage && (
                <button type="button" className="secondary" onClick={() => setAfter(earnings.ledger.pageInfo.endCursor)}>
                  Older
                </button>
              )}
            </div>
          </section>

          <section>
            <h2>Withdrawals ({earnings.withdrawals.totalCount})</h2>
            <ul className="withdrawals">
              {earnings.withdrawals.edges.map(({ node }) => (
                <li key={node.id} data-testid="withdrawal">
                  {formatDateTime(node.createdAt)} · {node.amount.formatted} · {node.status.toLowerCase()}
                  {node.failureReason && <span className="muted"> ({node.failureReason})</span>}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function WithdrawForm({ availableCents, onDone }: { availableCents: number; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [outcome, setOutcome] = useState<{ error?: CombinedError | undefined; userErrors: readonly UserErrorLike[] }>({ userErrors: [] });
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, withdraw] = useMutation(WithdrawEarnings);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const r = await withdraw({ input: { amountCents: dollarsToCents(amount), idempotencyKey: key } });
    const userErrors = r.data?.withdrawEarnings.userErrors ?? [];
    setOutcome({ error: r.error, userErrors });
    if (!r.error && userErrors.length === 0) {
      setDone(`Withdrawal of $${amount} ${r.data?.withdrawEarnings.withdrawal?.status.toLowerCase() ?? 'made'}.`);
      setAmount('');
      setKey(newIdempotencyKey());
      onDone();
    }
  }

  return (
    <form className="step" onSubmit={(event) => void submit(event)} aria-label="Withdraw" noValidate>
      <h2>Withdraw</h2>
      <p className="muted">$10.00 to $5,000.00, at most what is available, once every 24 hours.</p>
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={['input.amountCents']}>
        <Field name="input.amountCents" label="Amount (USD)" hint={`Available: $${(availableCents / 100).toFixed(2)}`}>
          <input name="withdrawAmount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Withdraw
      </button>
      {done && (
        <p className="notice success" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

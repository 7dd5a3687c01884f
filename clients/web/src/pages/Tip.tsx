import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { ErrorNotice, ErrorScope, Field, type UserErrorLike } from '../errors';
import { dollarsToCents, formatDateTime } from '../format';
import { newIdempotencyKey } from '../idempotency';

const OrderTip = graphql(`
  query OrderTip($id: ID!) {
    order(id: $id) {
      id
      viewerActions
      subtotal {
        amountCents
      }
      tip {
        amount {
          formatted
        }
        at
      }
    }
  }
`);

const TipOrder = graphql(`
  mutation TipOrder($input: TipOrderInput!) {
    tipOrder(input: $input) {
      order {
        id
        viewerActions
        tip {
          amount {
            formatted
          }
          at
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

/**
 * A completed order's tip (orders.money.graphql): the tip once given, else, while the buyer may
 * still tip (viewerActions has TIP: within 7 days of completion), a form: $5.00 at least, at most
 * the subtotal or $25.00, whichever is more.
 */
export function TipSection({ orderId }: { orderId: string }) {
  const [{ data }, refetch] = useQuery({ query: OrderTip, variables: { id: orderId }, requestPolicy: 'cache-and-network' });
  const [amount, setAmount] = useState('5.00');
  const [key] = useState(newIdempotencyKey);
  const [outcome, setOutcome] = useState<{ error?: CombinedError | undefined; userErrors: readonly UserErrorLike[] }>({ userErrors: [] });
  const [{ fetching }, tip] = useMutation(TipOrder);
  const order = data?.order;
  if (!order) return null;
  if (order.tip) {
    return (
      <section className="step" data-testid="order-tip">
        <h2>Your tip</h2>
        <p>
          You tipped {order.tip.amount.formatted} on {formatDateTime(order.tip.at)}. Thank you!
        </p>
      </section>
    );
  }
  if (!order.viewerActions.includes('TIP')) return null;
  const cap = Math.max(order.subtotal.amountCents, 2500) / 100;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await tip({ input: { orderId, amountCents: dollarsToCents(amount), idempotencyKey: key } });
    const userErrors = r.data?.tipOrder.userErrors ?? [];
    setOutcome({ error: r.error, userErrors });
    if (!r.error && userErrors.length === 0) refetch({ requestPolicy: 'network-only' });
  }

  return (
    <form className="step" onSubmit={(event) => void submit(event)} aria-label="Tip" noValidate>
      <h2>Leave a tip</h2>
      <p className="muted">The seller gets it at once, less the 20% commission. Once, within 7 days of completion.</p>
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={['input.amountCents']}>
        <Field name="input.amountCents" label="Tip (USD)" hint={`$5.00 to $${cap.toFixed(2)}`}>
          <input name="tipAmount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Send tip
      </button>
    </form>
  );
}

import type { GigExtraKind, OrderExtraInput } from './gql/graphql';

/** A gig's extra as the pickers show it (GigExtra). */
export interface ExtraLike {
  readonly id: string;
  readonly kind: GigExtraKind;
  readonly title: string;
  readonly description?: string | null;
  readonly price: { readonly formatted: string };
  readonly days: number;
}

/** The extras chosen: extra id -> quantity. */
export type ChosenExtras = Readonly<Record<string, number>>;

/** The most units of one extra (OrderExtraInput.quantity); EXTRA_FAST_DELIVERY only 1. */
const MAX_QUANTITY = 10;

/** The chosen extras as the API takes them (placeOrder, orderQuote, buyExtras), in the gig's order. */
export function extraInputs(extras: readonly ExtraLike[], chosen: ChosenExtras): OrderExtraInput[] {
  return extras.filter((e) => (chosen[e.id] ?? 0) > 0).map((e) => ({ extraId: e.id, quantity: chosen[e.id] ?? 1 }));
}

/** What one unit of an extra does to the order. */
export function extraEffect(extra: Pick<ExtraLike, 'kind' | 'days'>): string {
  switch (extra.kind) {
    case 'EXTRA_FAST_DELIVERY':
      return `delivered in ${extra.days} day${extra.days === 1 ? '' : 's'}`;
    case 'ADDITIONAL_REVISION':
      return 'one more revision each';
    case 'CUSTOM':
      return extra.days > 0 ? `${extra.days} more day${extra.days === 1 ? '' : 's'} each` : '';
  }
}

/**
 * Checkboxes for a gig's extras, with a quantity for those that take one: at checkout (the gig page)
 * and later on the order (buyExtras).
 */
export function ExtrasPicker({
  extras,
  chosen,
  onChange,
  disabled = false,
}: {
  extras: readonly ExtraLike[];
  chosen: ChosenExtras;
  onChange: (next: ChosenExtras) => void;
  disabled?: boolean;
}) {
  const set = (id: string, quantity: number) => {
    const next: Record<string, number> = { ...chosen };
    if (quantity > 0) next[id] = quantity;
    else delete next[id];
    onChange(next);
  };
  return (
    <ul className="extras" data-testid="extras">
      {extras.map((extra) => {
        const quantity = chosen[extra.id] ?? 0;
        const effect = extraEffect(extra);
        return (
          <li key={extra.id} className="extra">
            <label>
              <input
                type="checkbox"
                name={`extra.${extra.id}`}
                checked={quantity > 0}
                disabled={disabled}
                onChange={(e) => set(extra.id, e.target.checked ? 1 : 0)}
              />{' '}
              <span className="extra-title">{extra.title}</span> <span className="price">+{extra.price.formatted}</span>
            </label>
            {(effect || extra.description) && <small className="hint">{[effect, extra.description].filter(Boolean).join(' · ')}</small>}
            {quantity > 0 && extra.kind !== 'EXTRA_FAST_DELIVERY' && (
              <label className="extra-quantity">
                Quantity{' '}
                <select
                  name={`extraQuantity.${extra.id}`}
                  value={quantity}
                  disabled={disabled}
                  onChange={(e) => set(extra.id, Number(e.target.value))}
                >
                  {Array.from({ length: MAX_QUANTITY }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </li>
        );
      })}
    </ul>
  );
}

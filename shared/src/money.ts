/**
 * Money is an integer number of cents everywhere: floats cannot represent most cent amounts exactly,
 * and a rounding error in a fee is a support ticket.
 */
export type CurrencyCode = 'USD';

export interface Money {
  amountCents: number;
  currency: CurrencyCode;
  formatted: string;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

export function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents)) {
    throw new RangeError(`money must be a whole number of cents, got ${amountCents}`);
  }
}

/** `123450` -> `"$1,234.50"`. Formatting divides only for display; arithmetic stays in cents. */
export function formatCents(amountCents: number): string {
  assertCents(amountCents);
  return usd.format(amountCents / 100);
}

export function money(amountCents: number, currency: CurrencyCode = 'USD'): Money {
  return { amountCents, currency, formatted: formatCents(amountCents) };
}

/**
 * `numerator / denominator` of `amountCents`, rounded half up to the cent, in integer arithmetic
 * (e.g. 5.5% is `percentOf(x, 55, 1000)`), so no binary fraction ever touches an amount.
 */
export function fractionOfCents(amountCents: number, numerator: number, denominator: number): number {
  assertCents(amountCents);
  if (amountCents < 0) throw new RangeError('fractionOfCents takes a non-negative amount');
  const product = BigInt(amountCents) * BigInt(numerator);
  const d = BigInt(denominator);
  return Number((product * 2n + d) / (2n * d));
}

/**
 * A fresh idempotency key (`placeOrder`, `sendMessage`): the server answers a repeated request with
 * the same key and input with the first result, so a double click or a retry does not act twice.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

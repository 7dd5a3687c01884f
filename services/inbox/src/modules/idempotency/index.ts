/** Idempotency keys of mutations (no schema of its own: sendMessage uses it, custom offers will). */
export { idempotencyKeyModel, type IdempotencyKeyDoc, type IdempotencyKeyModel } from './model.js';
export { deleteOldIdempotencyKeys, fingerprintOf, KEY_RETENTION_MS, runIdempotent, type IdempotentCall } from './service.js';

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { failWith, isDuplicateKey } from '@gigmart/shared';
import type { InboxContext } from '../../context.js';
import type { IdempotencyKeyDoc } from './model.js';

/** Keys are kept at least this long (the contract: at least 24 hours); the cleanup job deletes older ones. */
export const KEY_RETENTION_MS = 48 * 60 * 60 * 1000;
/** A key whose first call has not finished after this long belongs to a call that died: the next call takes it over. */
export const PENDING_STALE_MS = 60_000;
/** How long a second call waits for the first one with the same key to finish. */
const PENDING_WAIT_MS = 5_000;
const PENDING_POLL_MS = 50;

/** The fingerprint of an input: the same input, the same fingerprint. */
export function fingerprintOf(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

export interface IdempotentCall<T> {
  memberId: string;
  /** The mutation: keys are scoped to the member and the operation. */
  operation: string;
  key: string | null | undefined;
  fingerprint: string;
  /** Does the work the first time, giving its result the planned id; returns the id the key keeps and the result. */
  run: (plannedId: string) => Promise<{ resultId: string; value: T }>;
  /** The result of the first call again, from the id the key kept. */
  replay: (resultId: string) => Promise<T>;
  /** A new id for a first call's result (recorded with the key before the call runs). */
  planId: () => string;
  /** Whether a result with this id exists: a first call that died may have stored it. */
  stored: (plannedId: string) => Promise<boolean>;
}

const differentInput = () =>
  failWith(
    ['input', 'idempotencyKey'],
    'This idempotency key was already used with a different input: use a new key for a new request.',
    'INVALID',
  );

/**
 * Runs a mutation at most once per key: the first call runs it and keeps its result's id; a call
 * with the same key and the same input gets that result again, one with a different input an
 * INVALID user error on ["input", "idempotencyKey"]. A unique index decides which of two concurrent
 * calls runs; the other waits for its result. A call that is refused (user errors) or fails gives
 * its key up, so the same request may be tried again. Without a key, `run` just runs.
 */
export async function runIdempotent<T>(ctx: InboxContext, call: IdempotentCall<T>): Promise<T> {
  const { memberId, operation, key, fingerprint } = call;
  if (key == null) return (await call.run(call.planId())).value;
  const { IdempotencyKey } = ctx.models;
  const waitUntil = Date.now() + PENDING_WAIT_MS;
  for (;;) {
    const existing = await IdempotencyKey.findOne({ memberId, operation, key }).lean<IdempotencyKeyDoc>().exec();
    if (existing) {
      if (existing.fingerprint !== fingerprint) differentInput();
      if (existing.resultId) return call.replay(existing.resultId);
      if (ctx.clock().getTime() - existing.createdAt.getTime() > PENDING_STALE_MS) {
        // Its call died before finishing. If it stored its result, that result is the answer;
        // otherwise nothing was kept and the key is free again.
        if (existing.plannedId && (await call.stored(existing.plannedId))) {
          await IdempotencyKey.updateOne({ _id: existing._id, resultId: null }, { $set: { resultId: existing.plannedId } }).exec();
          return call.replay(existing.plannedId);
        }
        await IdempotencyKey.deleteOne({ _id: existing._id, resultId: null }).exec();
        continue;
      }
      if (Date.now() > waitUntil) {
        failWith(
          ['input', 'idempotencyKey'],
          'A request with this idempotency key is still being processed: try again in a moment.',
          'INVALID_STATE',
        );
      }
      await sleep(PENDING_POLL_MS);
      continue;
    }
    let claimed: IdempotencyKeyDoc;
    const plannedId = call.planId();
    try {
      claimed = (
        await IdempotencyKey.create({ memberId, operation, key, fingerprint, resultId: null, plannedId, createdAt: ctx.clock() })
      ).toObject();
    } catch (error) {
      if (isDuplicateKey(error)) continue; // another call with this key just started
      throw error;
    }
    let result: { resultId: string; value: T };
    try {
      result = await call.run(plannedId);
    } catch (error) {
      await IdempotencyKey.deleteOne({ _id: claimed._id, resultId: null }).exec();
      throw error;
    }
    await IdempotencyKey.updateOne({ _id: claimed._id }, { $set: { resultId: result.resultId } }).exec();
    return result.value;
  }
}

/** Deletes keys created before `before` (the cleanup job); returns how many. */
export async function deleteOldIdempotencyKeys(ctx: Pick<InboxContext, 'models'>, before: Date): Promise<number> {
  return (await ctx.models.IdempotencyKey.deleteMany({ createdAt: { $lt: before } }).exec()).deletedCount;
}

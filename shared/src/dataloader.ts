import DataLoader from 'dataloader';
import type { Model } from 'mongoose';
import { isObjectId } from './ids.js';

export { DataLoader };

/**
 * A per-request loader of documents by id: every `load` in one tick becomes a single `$in` query,
 * which is what keeps federation's bulk reference lookups at one query per batch.
 * Malformed and unknown ids resolve to null without touching the database.
 */
export function createByIdLoader<T extends { _id: unknown }>(
  model: Model<T>,
  options: { projection?: Record<string, 0 | 1>; filter?: Record<string, unknown> } = {},
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isObjectId))];
    const found = valid.length
      ? ((await model
          .find({ ...options.filter, _id: { $in: valid } }, options.projection)
          .lean()
          .exec()) as T[])
      : [];
    const byId = new Map(found.map((doc) => [String(doc._id), doc]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of grouped values by key (e.g. counts per gig), computed by one query for the
 * whole batch; keys the query did not return get `fallback`.
 */
export function createGroupedLoader<V>(
  fetch: (keys: readonly string[]) => Promise<Map<string, V>>,
  fallback: (key: string) => V,
): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => (found.has(key) ? (found.get(key) as V) : fallback(key)));
  });
}

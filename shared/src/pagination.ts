import { Types, type Model } from 'mongoose';
import { badUserInput } from './errors.js';

/**
 * Relay cursor connections over keyset pagination: a page is "the next `first` documents after
 * this (sort key..., _id)", never skip/offset, so pages neither repeat nor miss documents while
 * others are inserted, and page N costs the same as page 1 with the right index.
 *
 * Sort keys must never be null or missing: store a sentinel instead (e.g. unrated = -1), because
 * MongoDB and FerretDB compare null differently against other types.
 */
export interface SortKey {
  field: string;
  direction: 1 | -1;
}

export interface SortSpec {
  /** Written into every cursor, so a cursor of one sort is refused by another. */
  name: string;
  keys: SortKey[];
  /** Direction of the `_id` tie-breaker; defaults to the last key's direction. */
  idDirection?: 1 | -1;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /**
   * Counted only if the query selects it: GraphQL's default resolver calls a function-valued
   * field, so a page whose total nobody asked for costs the page's query alone.
   */
  totalCount: () => Promise<number>;
}

/** A totalCount that runs `count` at most once, on first use. */
export function lazyCount(count: () => Promise<number>): () => Promise<number> {
  let counted: Promise<number> | undefined;
  return () => (counted ??= count());
}

export function emptyConnection<T>(): Connection<T> {
  return {
    edges: [],
    totalCount: () => Promise.resolve(0),
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  };
}

type CursorValue = string | number | boolean | null | { d: number };

interface CursorPayload {
  s: string;
  v: CursorValue[];
  i: string;
}

export const PAGE_SIZE_MIN = 1;
export const PAGE_SIZE_MAX = 50;

/** Validates `first` (1-50 unless told otherwise): outside that, a BAD_USER_INPUT error. */
export function pageSize(first: number | null | undefined, fallback = 20, max = PAGE_SIZE_MAX): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < PAGE_SIZE_MIN || size > max) {
    throw badUserInput(`"first" must be between ${PAGE_SIZE_MIN} and ${max}.`, { argumentName: 'first' });
  }
  return size;
}

function encodeValue(value: unknown): CursorValue {
  if (value instanceof Date) return { d: value.getTime() };
  if (value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (value instanceof Types.ObjectId) return value.toHexString();
  throw new TypeError(`cannot put a ${typeof value} into a cursor`);
}

function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    const d = (value as { d?: unknown }).d;
    if (typeof d !== 'number' || !Number.isFinite(d) || Object.keys(value).length !== 1) throw new Error('bad date');
    return new Date(d);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('bad number');
  return value;
}

function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function encodeCursor(sort: SortSpec, doc: { _id: unknown }): string {
  const payload: CursorPayload = {
    s: sort.name,
    v: sort.keys.map((key) => encodeValue(getPath(doc, key.field))),
    i: String(doc._id),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const INVALID_CURSOR = 'The "after" cursor is not valid for this list and sort.';

/** Decodes a cursor made by `encodeCursor` for the same sort; anything else is BAD_USER_INPUT. */
export function decodeCursor(sort: SortSpec, cursor: string): { values: unknown[]; id: Types.ObjectId } {
  try {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPayload>;
    if (payload.s !== sort.name || !Array.isArray(payload.v) || payload.v.length !== sort.keys.length) throw new Error('shape');
    if (typeof payload.i !== 'string' || !/^[0-9a-f]{24}$/.test(payload.i)) throw new Error('id');
    return { values: payload.v.map(decodeValue), id: new Types.ObjectId(payload.i) };
  } catch {
    throw badUserInput(INVALID_CURSOR, { argumentName: 'after' });
  }
}

/** The Mongo sort for a spec, `_id` last as the tie-breaker. */
export function sortOf(sort: SortSpec): Record<string, 1 | -1> {
  const out: Record<string, 1 | -1> = {};
  for (const key of sort.keys) out[key.field] = key.direction;
  out['_id'] = sort.idDirection ?? sort.keys.at(-1)?.direction ?? 1;
  return out;
}

/** The filter selecting documents strictly after the cursor in the spec's order. */
export function afterFilter(sort: SortSpec, cursor: string): Record<string, unknown> {
  const { values, id } = decodeCursor(sort, cursor);
  const keys: SortKey[] = [...sort.keys, { field: '_id', direction: sort.idDirection ?? sort.keys.at(-1)?.direction ?? 1 }];
  const all = [...values, id];
  const branches: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 1) {
    const branch: Record<string, unknown> = {};
    for (let j = 0; j < i; j += 1) branch[keys[j]!.field] = all[j];
    const key = keys[i]!;
    branch[key.field] = { [key.direction === 1 ? '$gt' : '$lt']: all[i] };
    branches.push(branch);
  }
  return { $or: branches };
}

/** Builds the connection from a page fetched with `limit: first + 1`. */
export function toConnection<D extends { _id: unknown }, N = D>(
  sort: SortSpec,
  docs: D[],
  first: number,
  totalCount: () => Promise<number>,
  hasPreviousPage: boolean,
  toNode: (doc: D) => N = (doc) => doc as unknown as N,
): Connection<N> {
  const page = docs.slice(0, first);
  const edges = page.map((doc) => ({ cursor: encodeCursor(sort, doc), node: toNode(doc) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: docs.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export interface FindPageOptions {
  filter: Record<string, unknown>;
  sort: SortSpec;
  first: number | null | undefined;
  after?: string | null | undefined;
  projection?: Record<string, 0 | 1>;
  maxFirst?: number;
}

/**
 * One page of a collection as a connection: one database command for the page, whatever its size,
 * and one more for totalCount if the query asks for it.
 */
export async function findPage<T extends { _id: unknown }>(model: Model<T>, options: FindPageOptions): Promise<Connection<T>> {
  const first = pageSize(options.first, 20, options.maxFirst);
  const pageFilter = options.after ? { $and: [options.filter, afterFilter(options.sort, options.after)] } : options.filter;
  const docs = (await model
    .find(pageFilter, options.projection)
    .sort(sortOf(options.sort))
    .limit(first + 1)
    .lean()
    .exec()) as T[];
  const totalCount = lazyCount(() => model.countDocuments(options.filter).exec());
  return toConnection(options.sort, docs, first, totalCount, Boolean(options.after));
}

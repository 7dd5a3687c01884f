/**
 * A write refused by a unique index (E11000). FerretDB reports neither `keyPattern` nor `keyValue`,
 * and may report an update that breaks a unique index as a generic error: the caller knows which
 * index it wrote to, and enforces uniqueness on insert.
 */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Driver errors that mean the database cannot be reached now (not that the command was wrong). */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/**
 * True when `error` (or an error it wraps, as a resolver error wraps the driver's) says the
 * database is unreachable: the request may succeed if retried shortly, so clients are told
 * SERVICE_UNAVAILABLE rather than a bare internal error. Matched by name, so it holds across
 * copies of the driver.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { name, originalError, cause } = current as { name?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof name === 'string' && UNAVAILABLE_ERROR_NAMES.has(name)) return true;
    current = originalError ?? cause;
  }
  return false;
}

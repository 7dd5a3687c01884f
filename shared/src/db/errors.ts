/**
 * A write refused by a unique index (E11000). FerretDB reports neither `keyPattern` nor `keyValue`,
 * and may report an update that breaks a unique index as a generic error: the caller knows which
 * index it wrote to, and enforces uniqueness on insert.
 */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

import { userError, type UserError } from '@gigmart/shared';

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export function charCount(value: string): number {
  return [...value].length;
}

/** TOO_SHORT / TOO_LONG entries for one field, or none. */
export function lengthErrors(field: readonly (string | number)[], label: string, value: string, min: number, max: number): UserError[] {
  const length = charCount(value);
  if (length < min) {
    return [userError(field, min <= 1 ? `${label} must not be empty.` : `${label} must be at least ${min} characters.`, 'TOO_SHORT')];
  }
  if (length > max) return [userError(field, `${label} must be at most ${max} characters.`, 'TOO_LONG')];
  return [];
}

/** The result of a validation rule: the cleaned value and every broken rule, never just the first. */
export interface Checked<T> {
  value: T;
  errors: UserError[];
}

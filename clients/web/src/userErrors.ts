/**
 * The API's two kinds of failure:
 * - GraphQL errors (`errors[].extensions.code`): UNAUTHENTICATED (not signed in), FORBIDDEN (signed in
 *   but not allowed), BAD_USER_INPUT (malformed arguments), INTERNAL_SERVER_ERROR. Shown as a notice.
 * - `userErrors` in a mutation's payload: expected problems with the input or a business rule, each
 *   with a `field` path such as ["input", "packages", "0", "priceCents"]. Shown beside that field.
 */
export interface UserErrorLike {
  readonly field?: readonly string[] | null;
  readonly message: string;
  readonly code: string;
}

export const pathKey = (field: readonly string[] | null | undefined): string => (field ?? []).join('.');

/**
 * Which of `fields` an error belongs to: the longest field name that is a prefix of its path, so an
 * error at input.packages.1.features.0 lands on the "input.packages.1.features" field.
 */
export function fieldFor(error: UserErrorLike, fields: readonly string[]): string | null {
  const key = pathKey(error.field);
  let best: string | null = null;
  for (const name of fields) {
    if ((key === name || key.startsWith(`${name}.`)) && (best === null || name.length > best.length)) best = name;
  }
  return best;
}

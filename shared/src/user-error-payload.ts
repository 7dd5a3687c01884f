import { UserErrorsException, type UserError } from './errors.js';

/**
 * `withUserErrors` for a payload of several fields (e.g. `AuthPayload { session user userErrors }`,
 * `LogOutPayload { success userErrors }`): `run` returns the payload's fields; a refusal
 * (`UserErrorsException`, from `failWith` or `parseInput`) becomes `refused` with its user errors.
 *
 *   withUserErrorsPayload({ session: null, user: null }, () => logIn(ctx, input))
 */
export async function withUserErrorsPayload<T extends object, R extends { [K in keyof T]?: unknown }>(
  refused: R,
  run: () => Promise<T>,
): Promise<(T & { userErrors: UserError[] }) | (R & { userErrors: UserError[] })> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsException) return { ...refused, userErrors: error.userErrors };
    throw error;
  }
}

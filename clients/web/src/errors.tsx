import { Component, createContext, useContext, type ErrorInfo, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { CombinedError, OperationResult } from 'urql';
import { hasErrorCode } from './client';
import { fieldFor, type UserErrorLike } from './userErrors';

export type { UserErrorLike } from './userErrors';

interface ScopeValue {
  errors: readonly UserErrorLike[];
  fields: readonly string[];
}

const FormErrorScope = createContext<ScopeValue>({ errors: [], fields: [] });

/**
 * Wraps a form: `fields` names every input field the form renders (as paths, e.g. "input.email"),
 * so each userError is shown at its field and the rest at the top of the form.
 */
export function ErrorScope({ errors, fields, children }: ScopeValue & { children: ReactNode }) {
  const unplaced = errors.filter((e) => fieldFor(e, fields) === null);
  return (
    <FormErrorScope.Provider value={{ errors, fields }}>
      {unplaced.length > 0 && (
        <div className="form-errors" role="alert">
          {unplaced.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
      {children}
    </FormErrorScope.Provider>
  );
}

/** What a form's last mutation reported: its GraphQL error and its userErrors. */
export interface Outcome {
  error?: CombinedError | undefined;
  userErrors: readonly UserErrorLike[];
}

export const NO_OUTCOME: Outcome = { userErrors: [] };

/**
 * Records a mutation's outcome for the form (ErrorNotice, ErrorScope): its GraphQL error and the
 * userErrors of its payload (`payloadOf`, e.g. `(d) => d.placeOrder`); true when it worked (neither),
 * after calling onDone (e.g. refetching the page's query).
 */
export async function perform<Data>(
  mutation: Promise<Pick<OperationResult<Data>, 'data' | 'error'>>,
  payloadOf: (data: Data) => { userErrors: readonly UserErrorLike[] } | null | undefined,
  setOutcome: (o: Outcome) => void,
  onDone: () => void,
): Promise<boolean> {
  const { data, error } = await mutation;
  const userErrors = (data ? payloadOf(data)?.userErrors : undefined) ?? [];
  setOutcome({ error, userErrors });
  const ok = !error && userErrors.length === 0;
  if (ok) onDone();
  return ok;
}

/** A labelled form field with the userErrors that belong to it. */
export function Field({
  name,
  label,
  hint,
  group = false,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  /** The field holds several inputs with their own labels (a list): not wrapped in one label. */
  group?: boolean;
  children: ReactNode;
}) {
  const { errors, fields } = useContext(FormErrorScope);
  const own = errors.filter((e) => fieldFor(e, fields) === name);
  return (
    <div className={own.length > 0 ? 'field has-error' : 'field'} data-field={name}>
      {group ? (
        <div role="group" aria-label={label || undefined}>
          {label && <span className="label">{label}</span>}
          {children}
        </div>
      ) : (
        <label>
          <span className="label">{label}</span>
          {children}
        </label>
      )}
      {hint && <small className="hint">{hint}</small>}
      {own.map((e, i) => (
        <small key={i} className="field-error" role="alert">
          {e.message}
        </small>
      ))}
    </div>
  );
}

/** A GraphQL error (not a userError), in words a person understands. */
export function ErrorNotice({ error }: { error: CombinedError | undefined }) {
  if (!error) return null;
  if (hasErrorCode(error, 'UNAUTHENTICATED')) {
    return (
      <div className="notice" role="alert">
        Please <Link to="/login">log in</Link> to continue.
      </div>
    );
  }
  if (hasErrorCode(error, 'FORBIDDEN')) {
    return (
      <div className="notice" role="alert">
        You are not allowed to do that.
      </div>
    );
  }
  if (error.networkError) {
    return (
      <div className="notice" role="alert">
        Cannot reach the server. Check your connection and try again.
      </div>
    );
  }
  return (
    <div className="notice" role="alert">
      {error.graphQLErrors.map((e) => e.message).join(' ') || 'Something went wrong.'}
    </div>
  );
}

/**
 * What stands where a reference to another service's data is null: the schema makes those
 * references nullable (Order.gig, Order.buyer, Review.author, Gig.seller, ...) so that while one
 * service is down only its part of a page is missing. The GraphQL error that comes with it says
 * which service (ErrorNotice).
 */
export function Unavailable({ what = 'This' }: { what?: string }) {
  return (
    <span className="muted unavailable" title={`${what} cannot be loaded right now; try again in a moment.`}>
      Unavailable
    </span>
  );
}

/**
 * Catches an error thrown while a page renders, so that it says so (an alert, with the error's
 * message) instead of leaving a blank page; another `resetKey` (the next page) starts again.
 */
export class PageErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The page failed to render', error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="notice" role="alert">
        Something went wrong on this page ({this.state.error.message}).{' '}
        <button type="button" className="link" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { auth } from '../auth';
import { graphql } from '../gql';
import { ErrorNotice, ErrorScope, Field } from '../errors';

const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      session {
        accessToken
        accessTokenExpiresAt
        refreshToken
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const LogIn = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      session {
        accessToken
        accessTokenExpiresAt
        refreshToken
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** Where to go after signing in: `?next=` when it is a path of this site. */
function useNext(): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignUpPage() {
  const navigate = useNavigate();
  const next = useNext();
  const [form, setForm] = useState({ email: '', password: '', username: '', displayName: '' });
  const [{ data, fetching, error }, signUp] = useMutation(SignUp);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await signUp({ input: form });
    const session = result.data?.signUp.session;
    if (session) {
      auth.signIn(session);
      void navigate(next);
    }
  }

  return (
    <form className="card narrow" onSubmit={(event) => void submit(event)} aria-label="Sign up" noValidate>
      <h1>Join Gigmart</h1>
      <ErrorNotice error={error} />
      <ErrorScope errors={data?.signUp.userErrors ?? []} fields={['input.email', 'input.password', 'input.username', 'input.displayName']}>
        <Field name="input.displayName" label="Your name">
          <input name="displayName" value={form.displayName} onChange={set('displayName')} autoComplete="name" />
        </Field>
        <Field name="input.username" label="Username" hint="3-20 characters: lowercase letters, digits and underscores.">
          <input name="username" value={form.username} onChange={set('username')} autoComplete="username" />
        </Field>
        <Field name="input.email" label="Email">
          <input name="email" type="email" value={form.email} onChange={set('email')} autoComplete="email" />
        </Field>
        <Field name="input.password" label="Password" hint="At least 8 characters.">
          <input name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Create account
      </button>
      <p className="muted">
        Already a member? <Link to={`/login?next=${encodeURIComponent(next)}`}>Log in</Link>
      </p>
    </form>
  );
}

export function LogInPage() {
  const navigate = useNavigate();
  const next = useNext();
  const [form, setForm] = useState({ login: '', password: '' });
  const [{ data, fetching, error }, logIn] = useMutation(LogIn);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await logIn({ input: form });
    const session = result.data?.logIn.session;
    if (session) {
      auth.signIn(session);
      void navigate(next);
    }
  }

  return (
    <form className="card narrow" onSubmit={(event) => void submit(event)} aria-label="Log in" noValidate>
      <h1>Welcome back</h1>
      <ErrorNotice error={error} />
      <ErrorScope errors={data?.logIn.userErrors ?? []} fields={['input.login', 'input.password']}>
        <Field name="input.login" label="Email or username">
          <input name="login" value={form.login} onChange={set('login')} autoComplete="username" />
        </Field>
        <Field name="input.password" label="Password">
          <input name="password" type="password" value={form.password} onChange={set('password')} autoComplete="current-password" />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Log in
      </button>
      <p className="muted">
        New here? <Link to={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
      </p>
    </form>
  );
}

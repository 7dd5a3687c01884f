import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { LanguageLevel } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field } from '../errors';
import { splitList } from '../format';
import { useViewer } from '../viewer';

const BecomeSeller = graphql(`
  mutation BecomeSeller($input: BecomeSellerInput!) {
    becomeSeller(input: $input) {
      user {
        id
        isSeller
        sellerProfile {
          headline
          sellerSince
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const LEVELS: LanguageLevel[] = ['BASIC', 'CONVERSATIONAL', 'FLUENT', 'NATIVE'];

export function BecomeSellerPage() {
  const { me, loading, refetch } = useViewer();
  const navigate = useNavigate();
  const [headline, setHeadline] = useState('');
  const [skills, setSkills] = useState('');
  const [languages, setLanguages] = useState<Array<{ code: string; level: LanguageLevel }>>([{ code: 'en', level: 'FLUENT' }]);
  const [{ data, fetching, error }, becomeSeller] = useMutation(BecomeSeller);

  if (loading) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to="/login?next=/become-seller">Log in</Link> first to become a seller.
      </p>
    );
  }
  if (me.isSeller) {
    return (
      <p>
        You are a seller. <Link to="/selling/new">Create a gig</Link>
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await becomeSeller({ input: { headline, skills: splitList(skills), languages } });
    if (result.data?.becomeSeller.user?.isSeller) {
      refetch();
      void navigate('/selling');
    }
  }

  const setLanguage = (i: number, patch: Partial<{ code: string; level: LanguageLevel }>) =>
    setLanguages(languages.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <form className="card narrow" onSubmit={(event) => void submit(event)} aria-label="Become a seller" noValidate>
      <h1>Become a seller</h1>
      <p className="muted">Tell buyers what you do. You can publish gigs right after.</p>
      <ErrorNotice error={error} />
      <ErrorScope errors={data?.becomeSeller.userErrors ?? []} fields={['input.headline', 'input.skills', 'input.languages']}>
        <Field name="input.headline" label="Headline" hint="One line shown on your gigs, 10-70 characters.">
          <input name="headline" value={headline} onChange={(e) => setHeadline(e.target.value)} />
        </Field>
        <Field name="input.skills" label="Skills" hint="Separated by commas.">
          <input name="skills" value={skills} onChange={(e) => setSkills(e.target.value)} />
        </Field>
        <Field name="input.languages" label="Languages" group>
          <span className="stack">
            {languages.map((l, i) => (
              <span key={i} className="row">
                <input
                  aria-label="Language code"
                  placeholder="en"
                  value={l.code}
                  onChange={(e) => setLanguage(i, { code: e.target.value })}
                  size={4}
                />
                <select aria-label="Level" value={l.level} onChange={(e) => setLanguage(i, { level: e.target.value as LanguageLevel })}>
                  {LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {level.charAt(0) + level.slice(1).toLowerCase()}
                    </option>
                  ))}
                </select>
                {languages.length > 1 && (
                  <button type="button" className="link" onClick={() => setLanguages(languages.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                )}
              </span>
            ))}
            <button type="button" className="link" onClick={() => setLanguages([...languages, { code: '', level: 'FLUENT' }])}>
              Add a language
            </button>
          </span>
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching}>
        Become a seller
      </button>
    </form>
  );
}

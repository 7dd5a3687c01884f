import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { GigExtraInput, GigExtraKind, GigPackageInput, PackageTier, UserErrorCode } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field, type UserErrorLike } from '../errors';
import { FileUploads } from '../files';
import { dollarsToCents, splitList } from '../format';
import { useViewer } from '../viewer';
import { Categories } from './Home';
import { PublishGig } from './Gig';

const CreateGig = graphql(`
  mutation CreateGig($input: CreateGigInput!) {
    createGig(input: $input) {
      gig {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** A gig package's tiers (CUSTOM is only the tier of orders placed from custom offers). */
type GigTier = Exclude<PackageTier, 'CUSTOM'>;
const TIERS: GigTier[] = ['BASIC', 'STANDARD', 'PREMIUM'];

interface PackageDraft {
  enabled: boolean;
  name: string;
  description: string;
  price: string;
  deliveryDays: string;
  revisions: string;
  features: string;
}

const emptyPackage = (enabled: boolean): PackageDraft => ({
  enabled,
  name: '',
  description: '',
  price: '',
  deliveryDays: '',
  revisions: '',
  features: '',
});

interface ExtraDraft {
  kind: GigExtraKind;
  title: string;
  description: string;
  price: string;
  days: string;
}

const EXTRA_KINDS: Array<{ kind: GigExtraKind; label: string; daysHint: string }> = [
  { kind: 'CUSTOM', label: 'Your own add-on', daysHint: 'Days it adds per unit, 0-30.' },
  { kind: 'EXTRA_FAST_DELIVERY', label: 'Extra-fast delivery', daysHint: 'Delivered in this many days: fewer than every package.' },
  { kind: 'ADDITIONAL_REVISION', label: 'Additional revision', daysHint: 'Always 0.' },
];

const toInt = (text: string): number => {
  const n = Number.parseInt(text, 10);
  // Left to the server to refuse, so its userError lands beside the field.
  return Number.isFinite(n) ? n : 0;
};

export function NewGigPage() {
  const { me, loading } = useViewer();
  const navigate = useNavigate();
  const [{ data: categories }] = useQuery({ query: Categories });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categorySlug, setCategorySlug] = useState('');
  const [tags, setTags] = useState('');
  const [packages, setPackages] = useState<Record<GigTier, PackageDraft>>({
    BASIC: emptyPackage(true),
    STANDARD: emptyPackage(false),
    PREMIUM: emptyPackage(false),
  });
  const [requirements, setRequirements] = useState<Array<{ question: string; required: boolean }>>([]);
  const [extras, setExtras] = useState<ExtraDraft[]>([]);
  const [imageIds, setImageIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [publishNow, setPublishNow] = useState(true);
  const [publishErrors, setPublishErrors] = useState<UserErrorLike[]>([]);
  const [creating, createGig] = useMutation(CreateGig);
  const [publishing, publish] = useMutation(PublishGig);

  if (loading) return <p className="muted">Loading…</p>;
  if (!me?.isSeller) {
    return (
      <p>
        Only sellers publish gigs. <Link to="/become-seller">Become a seller</Link>
      </p>
    );
  }

  // The index each offered tier will have in input.packages, for matching userErrors' paths.
  const offered = TIERS.filter((tier) => packages[tier].enabled);
  const indexOf = (tier: GigTier) => offered.indexOf(tier);

  const fields = [
    'input.title',
    'input.description',
    'input.categorySlug',
    'input.tags',
    'input.imageIds',
    'input.requirements',
    'input.extras',
    ...extras.flatMap((_, i) => ['kind', 'title', 'description', 'priceCents', 'days'].map((f) => `input.extras.${i}.${f}`)),
    ...offered.flatMap((tier) =>
      ['name', 'description', 'priceCents', 'deliveryDays', 'revisions', 'features'].map((f) => `input.packages.${indexOf(tier)}.${f}`),
    ),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPublishErrors([]);
    const input = {
      title,
      description,
      categorySlug,
      tags: splitList(tags),
      imageIds,
      packages: offered.map((tier): GigPackageInput => {
        const p = packages[tier];
        return {
          tier,
          name: p.name,
          description: p.description,
          priceCents: Number.isFinite(dollarsToCents(p.price)) ? dollarsToCents(p.price) : 0,
          deliveryDays: toInt(p.deliveryDays),
          revisions: p.revisions.trim() === '' ? null : toInt(p.revisions),
          features: splitList(p.features),
        };
      }),
      requirements: requirements.filter((r) => r.question.trim() !== ''),
      extras: extras.map((x): GigExtraInput => ({
        kind: x.kind,
        title: x.title,
        description: x.description.trim() === '' ? null : x.description,
        priceCents: Number.isFinite(dollarsToCents(x.price)) ? dollarsToCents(x.price) : 0,
        days: toInt(x.days),
      })),
    };
    const created = await createGig({ input });
    const gig = created.data?.createGig.gig;
    if (!gig) return;
    if (publishNow) {
      const published = await publish({ input: { id: gig.id } });
      const errors = published.data?.publishGig.userErrors ?? [];
      if (errors.length > 0 || published.error) {
        setPublishErrors([
          { field: null, message: 'Your gig was saved as a draft but could not be published:', code: 'INVALID' satisfies UserErrorCode },
          ...errors,
        ]);
        return;
      }
    }
    void navigate(`/gigs/${gig.id}`);
  }

  const setExtra = (index: number, patch: Partial<ExtraDraft>) => setExtras(extras.map((x, i) => (i === index ? { ...x, ...patch } : x)));
  const setPackage = (tier: GigTier, patch: Partial<PackageDraft>) => setPackages({ ...packages, [tier]: { ...packages[tier], ...patch } });

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-label="New gig" noValidate>
      <h1>Create a gig</h1>
      <ErrorNotice error={creating.error ?? publishing.error} />
      <ErrorScope errors={[...(creating.data?.createGig.userErrors ?? []), ...publishErrors]} fields={fields}>
        <Field name="input.title" label="Title" hint="15-80 characters, e.g. “I will design a modern minimalist logo”.">
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field name="input.description" label="Description" hint="120-1200 characters.">
          <textarea name="description" rows={6} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <div className="row">
          <Field name="input.categorySlug" label="Category">
            <select name="categorySlug" value={categorySlug} onChange={(e) => setCategorySlug(e.target.value)}>
              <option value="">Choose…</option>
              {categories?.categories.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {c.children.map((child) => (
                    <option key={child.id} value={child.slug}>
                      {child.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field name="input.tags" label="Tags" hint="1-5, separated by commas.">
            <input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} />
          </Field>
        </div>

        <Field
          name="input.imageIds"
          label="Gallery"
          hint="Up to 5 pictures: JPEG, PNG or WebP, at least 400x300 pixels, at most 10 MB each."
          group
        >
          <FileUploads
            purpose="GIG_IMAGE"
            name="images"
            accept="image/jpeg,image/png,image/webp"
            max={5}
            onChange={setImageIds}
            onBusyChange={setUploading}
          />
        </Field>

        <h2>Packages</h2>
        <div className="package-editor">
          {TIERS.map((tier) => {
            const p = packages[tier];
            const at = (f: string) => `input.packages.${indexOf(tier)}.${f}`;
            return (
              <fieldset key={tier} data-tier={tier} className={p.enabled ? '' : 'disabled'}>
                <legend>
                  {tier === 'BASIC' ? (
                    'Basic'
                  ) : (
                    <label className="inline">
                      <input type="checkbox" checked={p.enabled} onChange={(e) => setPackage(tier, { enabled: e.target.checked })} />{' '}
                      {tier.charAt(0) + tier.slice(1).toLowerCase()}
                    </label>
                  )}
                </legend>
                {!p.enabled && <p className="muted">Not offered.</p>}
                {p.enabled && (
                  <>
                    <Field name={at('name')} label="Name">
                      <input name={`${tier}.name`} value={p.name} onChange={(e) => setPackage(tier, { name: e.target.value })} />
                    </Field>
                    <Field name={at('description')} label="What's included">
                      <textarea
                        name={`${tier}.description`}
                        rows={2}
                        value={p.description}
                        onChange={(e) => setPackage(tier, { description: e.target.value })}
                      />
                    </Field>
                    <Field name={at('priceCents')} label="Price ($)" hint="$5 to $10,000.">
                      <input
                        name={`${tier}.price`}
                        type="number"
                        min="5"
                        step="0.01"
                        value={p.price}
                        onChange={(e) => setPackage(tier, { price: e.target.value })}
                      />
                    </Field>
                    <Field name={at('deliveryDays')} label="Delivery (days)">
                      <input
                        name={`${tier}.deliveryDays`}
                        type="number"
                        min="1"
                        max="90"
                        value={p.deliveryDays}
                        onChange={(e) => setPackage(tier, { deliveryDays: e.target.value })}
                      />
                    </Field>
                    <Field name={at('revisions')} label="Revisions" hint="Empty for unlimited.">
                      <input
                        name={`${tier}.revisions`}
                        type="number"
                        min="0"
                        value={p.revisions}
                        onChange={(e) => setPackage(tier, { revisions: e.target.value })}
                      />
                    </Field>
                    <Field name={at('features')} label="Features" hint="Separated by commas.">
                      <input
                        name={`${tier}.features`}
                        value={p.features}
                        onChange={(e) => setPackage(tier, { features: e.target.value })}
                      />
                    </Field>
                  </>
                )}
              </fieldset>
            );
          })}
        </div>

        <h2>Requirements</h2>
        <Field name="input.requirements" label="Questions the buyer answers after ordering" group>
          <span className="stack">
            {requirements.map((r, i) => (
              <span key={i} className="row">
                <input
                  aria-label={`Question ${i + 1}`}
                  name={`requirement.${i}`}
                  value={r.question}
                  onChange={(e) => setRequirements(requirements.map((q, j) => (j === i ? { ...q, question: e.target.value } : q)))}
                />
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={r.required}
                    onChange={(e) => setRequirements(requirements.map((q, j) => (j === i ? { ...q, required: e.target.checked } : q)))}
                  />{' '}
                  Required
                </label>
                <button type="button" className="link" onClick={() => setRequirements(requirements.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </span>
            ))}
            <button type="button" className="link" onClick={() => setRequirements([...requirements, { question: '', required: true }])}>
              Add a question
            </button>
          </span>
        </Field>

        <h2>Extras</h2>
        <Field name="input.extras" label="What a buyer may add to a package, at checkout or later (at most 10)" group>
          <div className="extras-editor">
            {extras.map((x, i) => {
              const at = (f: string) => `input.extras.${i}.${f}`;
              const kind = EXTRA_KINDS.find((k) => k.kind === x.kind);
              return (
                <fieldset key={i} data-extra={i}>
                  <legend>Extra {i + 1}</legend>
                  <div className="row">
                    <Field name={at('kind')} label="Kind">
                      <select
                        name={`extra.${i}.kind`}
                        value={x.kind}
                        onChange={(e) => {
                          const next = e.target.value as GigExtraKind;
                          setExtra(i, next === 'ADDITIONAL_REVISION' ? { kind: next, days: '0' } : { kind: next });
                        }}
                      >
                        {EXTRA_KINDS.map((k) => (
                          <option key={k.kind} value={k.kind}>
                            {k.label}
                          </option>
                        ))}
                      </select>
                    </Field>
                    <Field name={at('title')} label="Title" hint="3-60 characters.">
                      <input name={`extra.${i}.title`} value={x.title} onChange={(e) => setExtra(i, { title: e.target.value })} />
                    </Field>
                  </div>
                  <Field name={at('description')} label="Description (optional)" hint="Up to 300 characters.">
                    <input
                      name={`extra.${i}.description`}
                      value={x.description}
                      onChange={(e) => setExtra(i, { description: e.target.value })}
                    />
                  </Field>
                  <div className="row">
                    <Field name={at('priceCents')} label="Price ($)" hint="Per unit, $5 to $5,000.">
                      <input
                        name={`extra.${i}.price`}
                        inputMode="decimal"
                        value={x.price}
                        onChange={(e) => setExtra(i, { price: e.target.value })}
                      />
                    </Field>
                    <Field name={at('days')} label="Days" hint={kind?.daysHint}>
                      <input
                        name={`extra.${i}.days`}
                        inputMode="numeric"
                        value={x.days}
                        onChange={(e) => setExtra(i, { days: e.target.value })}
                      />
                    </Field>
                  </div>
                  <button type="button" className="link" onClick={() => setExtras(extras.filter((_, j) => j !== i))}>
                    Remove this extra
                  </button>
                </fieldset>
              );
            })}
            {extras.length < 10 && (
              <button
                type="button"
                className="link"
                onClick={() => setExtras([...extras, { kind: 'CUSTOM', title: '', description: '', price: '', days: '0' }])}
              >
                Add an extra
              </button>
            )}
          </div>
        </Field>
      </ErrorScope>

      <label className="inline">
        <input type="checkbox" checked={publishNow} onChange={(e) => setPublishNow(e.target.checked)} /> Publish right away
      </label>
      <div>
        <button type="submit" disabled={creating.fetching || publishing.fetching || uploading}>
          {publishNow ? 'Create and publish' : 'Save draft'}
        </button>
      </div>
    </form>
  );
}

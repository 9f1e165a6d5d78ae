import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createProgramBody } from '#api/programs/programs.schemas.ts';
import { SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatDate } from '../../lib/format.ts';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { useSignedInUser } from '../../lib/session.ts';
import { ProgramProduct } from './program-product.tsx';
import {
  defaultSettingsValues,
  ProgramSettingsFields,
  type SettingsValues,
  settingsOf,
} from './program-settings-fields.tsx';
import { useCreateProgram, usePrograms } from './programs-api.ts';

/** Every program; program leads also start new ones here. */
export function ProgramsPage() {
  const user = useSignedInUser();
  const programs = usePrograms();
  const [creating, setCreating] = useState(false);

  return (
    <main>
      <h1>Programs</h1>
      <p className="lead">
        Each program is one product's MVP program, linked to its GitHub repository; its releases are the test cycles.
      </p>
      {user.role === 'admin' ? (
        creating ? (
          <NewProgramForm onCancel={() => setCreating(false)} />
        ) : (
          <p>
            <button type="button" onClick={() => setCreating(true)}>
              New program
            </button>
          </p>
        )
      ) : null}
      <section aria-labelledby="programs-heading">
        <h2 id="programs-heading">{user.role === 'admin' ? 'All programs' : 'Your programs'}</h2>
        <LoadState query={programs} />
        {programs.data?.items.length === 0 ? (
          <p className="hint">
            {user.role === 'admin'
              ? 'No program yet. Start one with “New program”.'
              : 'You are not a member of any program yet: an admin or a program’s lead adds you on its page.'}
          </p>
        ) : null}
        {programs.data?.items.length ? (
          <ul className="item-list">
            {programs.data.items.map((program) => (
              <li key={program.id}>
                <Link to={`/programs/${program.id}`} className="item-title">
                  {program.name}
                </Link>
                <span className="item-meta">
                  <ProgramProduct program={program} />
                  {' · '}terms version {program.termsVersion}
                  {' · '}since {formatDate(program.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </main>
  );
}

function NewProgramForm(props: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [settings, setSettings] = useState<SettingsValues>(defaultSettingsValues);
  const [termsText, setTermsText] = useState('');
  const create = useCreateProgram();
  const form = useSchemaForm(createProgramBody, create);

  return (
    <section aria-labelledby="new-program-heading">
      <h2 id="new-program-heading">New program</h2>
      <SchemaForm
        form={form}
        onSubmit={form.onSubmit(() => ({ ...settingsOf(settings), termsText }), {
          onSuccess: (program) => void navigate(`/programs/${program.id}`),
        })}
        submitLabel="Create program"
        onCancel={props.onCancel}
      >
        <ProgramSettingsFields values={settings} onChange={setSettings} errors={form.fieldErrors} />
        <MarkdownField
          label="Terms"
          name="termsText"
          value={termsText}
          onChange={setTermsText}
          error={form.fieldErrors.termsText}
          hint="What MVPs agree to before they see a release (confidentiality, feedback, …); this is version 1. Markdown."
        />
      </SchemaForm>
    </section>
  );
}

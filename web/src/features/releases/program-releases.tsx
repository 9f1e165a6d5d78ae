import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createReleaseBody } from '#api/releases/releases.schemas.ts';
import { SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatWindow } from '../../lib/format.ts';
import { LoadState } from '../../lib/page-state.tsx';
import { useCanManageProgram } from '../../lib/session.ts';
import { newReleaseValues, ReleaseFields, type ReleaseValues, releaseBodyOf } from './release-fields.tsx';
import { releaseStatusNames } from './release-status.ts';
import { useCreateRelease, useProgramReleases } from './releases-api.ts';
import './releases.css';

/** A program's releases, latest first; program leads add new ones here. */
export function ProgramReleases(props: { programId: string }) {
  const canManage = useCanManageProgram(props.programId);
  const releases = useProgramReleases(props.programId);
  const [creating, setCreating] = useState(false);

  return (
    <section aria-labelledby="releases-heading">
      <h2 id="releases-heading">Releases</h2>
      <LoadState query={releases} />
      {releases.data?.items.length === 0 ? <p className="hint">No release yet.</p> : null}
      {releases.data?.items.length ? (
        <ul className="item-list">
          {releases.data.items.map((release) => (
            <li key={release.id}>
              <Link to={`/releases/${release.id}`} className="item-title">
                Release {release.version}
              </Link>{' '}
              <span className={`badge badge-${release.status}`}>{releaseStatusNames[release.status]}</span>
              <span className="item-meta">
                Build {release.build} · {formatWindow(release.testStart, release.testEnd)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canManage ? (
        creating ? (
          <NewReleaseForm programId={props.programId} onCancel={() => setCreating(false)} />
        ) : (
          <button type="button" onClick={() => setCreating(true)}>
            New release
          </button>
        )
      ) : null}
    </section>
  );
}

function NewReleaseForm(props: { programId: string; onCancel: () => void }) {
  const navigate = useNavigate();
  const [values, setValues] = useState<ReleaseValues>(() => newReleaseValues());
  const create = useCreateRelease(props.programId);
  const form = useSchemaForm(createReleaseBody, create);
  return (
    <SchemaForm
      form={form}
      className="stack sub-form"
      aria-labelledby="new-release-heading"
      onSubmit={form.onSubmit(() => releaseBodyOf(values), {
        onSuccess: (release) => void navigate(`/releases/${release.id}`),
      })}
      submitLabel="Create release"
      onCancel={props.onCancel}
      intro={<h3 id="new-release-heading">New release</h3>}
    >
      <ReleaseFields values={values} onChange={setValues} errors={form.fieldErrors} />
    </SchemaForm>
  );
}

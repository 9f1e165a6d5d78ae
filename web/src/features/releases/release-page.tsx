import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { type Release, updateReleaseBody } from '#api/releases/releases.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime, formatWindow } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { PageLoading, PageUnavailable } from '../../lib/page-state.tsx';
import { useCanManageProgram } from '../../lib/session.ts';
import { ReleaseFields, type ReleaseValues, releaseBodyOf, releaseValuesOf } from './release-fields.tsx';
import { releaseStatusNames } from './release-status.ts';
import { useRelease, useUpdateRelease } from './releases-api.ts';

/** One release: its details and instructions, its status steps, and (given by the route) its cohort. */
export function ReleasePage(props: { releaseId: string; cohort?: (release: Release) => ReactNode }) {
  const release = useRelease(props.releaseId);
  if (release.isPending) {
    return <PageLoading />;
  }
  if (release.error) {
    return (
      <PageUnavailable
        title="Release not available"
        error={release.error}
        back={{ to: '/programs', label: 'All programs' }}
      />
    );
  }
  return <ReleaseView release={release.data} cohort={props.cohort} />;
}

function ReleaseView(props: { release: Release; cohort: ((release: Release) => ReactNode) | undefined }) {
  const { release } = props;
  const canManage = useCanManageProgram(release.programId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const shipped = release.status === 'shipped';

  return (
    <main>
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link> › <Link to={`/programs/${release.programId}`}>{release.programName}</Link>
      </p>
      <h1>Release {release.version}</h1>
      <div className="status-line">
        <span className={`badge badge-${release.status}`}>{releaseStatusNames[release.status]}</span>
        {canManage && !shipped ? <StatusStep release={release} /> : null}
      </div>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        {saved && !editing ? <Notice tone="success">Release saved.</Notice> : null}
        {editing ? (
          <EditReleaseForm
            release={release}
            onDone={(didSave) => {
              setEditing(false);
              setSaved(didSave);
            }}
          />
        ) : (
          <>
            <dl className="details">
              <dt>Program</dt>
              <dd>{release.programName}</dd>
              <dt>Build</dt>
              <dd>{release.build}</dd>
              <dt>Test window</dt>
              <dd>{formatWindow(release.testStart, release.testEnd)}</dd>
              <dt>Focus areas</dt>
              <dd>
                {release.focusAreas.length ? (
                  <ul className="plain-list">
                    {release.focusAreas.map((area) => (
                      <li key={area}>{area}</li>
                    ))}
                  </ul>
                ) : (
                  'None named'
                )}
              </dd>
              <dt>Cohort capacity</dt>
              <dd>{release.cohortCapacity === null ? 'No limit' : `${release.cohortCapacity} MVPs`}</dd>
              {release.cohort ? (
                <>
                  <dt>Cohort</dt>
                  <dd>
                    {release.cohort.active} active, {release.cohort.invited} invited, {release.cohort.applied} applied
                    {release.cohort.completed ? `, ${release.cohort.completed} completed` : ''}
                  </dd>
                </>
              ) : null}
              {release.shippedAt ? (
                <>
                  <dt>Shipped</dt>
                  <dd>{formatDateTime(release.shippedAt)}</dd>
                </>
              ) : null}
            </dl>
            {canManage && !shipped ? (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                Edit release
              </button>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="instructions-heading">
        <h2 id="instructions-heading">Instructions</h2>
        {release.instructions.trim() ? (
          <Markdown text={release.instructions} />
        ) : (
          <p className="hint">No instructions yet.</p>
        )}
      </section>
      {props.cohort?.(release)}
    </main>
  );
}

/** The one step forward from here: planned → testing → shipped; neither can be undone. */
function StatusStep(props: { release: Release }) {
  const { release } = props;
  const update = useUpdateRelease(release.id);
  return (
    <div className="status-step">
      {release.status === 'planned' ? (
        <ConfirmButton
          label="Start testing"
          question={
            <>
              Start testing release {release.version}? Its status becomes <strong>testing</strong> and cannot go back to
              planned.
            </>
          }
          confirmLabel="Yes, start testing"
          disabled={update.isPending}
          onConfirm={() => update.mutate({ status: 'testing' })}
        />
      ) : (
        <ConfirmButton
          label="Ship release"
          tone="danger"
          question={
            <>
              Ship release {release.version}? Its active MVPs complete the cohort, open invitations are withdrawn and
              the join link closes. A shipped release cannot change any more.
            </>
          }
          confirmLabel="Yes, ship the release"
          disabled={update.isPending}
          onConfirm={() => update.mutate({ status: 'shipped' })}
        />
      )}
      <FormAlert message={update.error ? errorMessage(update.error) : null} />
    </div>
  );
}

function EditReleaseForm(props: { release: Release; onDone: (saved: boolean) => void }) {
  const [values, setValues] = useState<ReleaseValues>(() => releaseValuesOf(props.release));
  const update = useUpdateRelease(props.release.id);
  const form = useSchemaForm(updateReleaseBody, update);
  return (
    <form
      className="stack"
      onBlur={form.checkOnBlur}
      onSubmit={form.onSubmit(() => releaseBodyOf(values), { onSuccess: () => props.onDone(true) })}
      noValidate
    >
      <FormAlert message={form.formError} />
      <ReleaseFields values={values} onChange={setValues} errors={form.fieldErrors} />
      <div className="button-row">
        <button type="submit" disabled={form.pending}>
          Save release
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type Release, updateReleaseBody } from '#api/releases/releases.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { EditableSection } from '../../lib/editable-section.tsx';
import { EditForm, FormAlert } from '../../lib/form.tsx';
import { formatDateTime, formatWindow } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { QueryPage } from '../../lib/page-state.tsx';
import { useCanManageProgram } from '../../lib/session.ts';
import { ReleaseFields, releaseBodyOf, releaseValuesOf } from './release-fields.tsx';
import { releaseStatusNames } from './release-status.ts';
import { useRelease, useUpdateRelease } from './releases-api.ts';

/** One release: its details and instructions, its status steps, and (given by the route) its cohort. */
export function ReleasePage(props: { releaseId: string; cohort?: (release: Release) => ReactNode }) {
  const release = useRelease(props.releaseId);
  return (
    <QueryPage query={release} title="Release not available" back={{ to: '/programs', label: 'All programs' }}>
      {(release) => <ReleaseView release={release} cohort={props.cohort} />}
    </QueryPage>
  );
}

function ReleaseView(props: { release: Release; cohort: ((release: Release) => ReactNode) | undefined }) {
  const { release } = props;
  const canManage = useCanManageProgram(release.programId);
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
      <EditableSection
        headingId="details-heading"
        heading="Details"
        canEdit={canManage && !shipped}
        editLabel="Edit release"
        savedNotice="Release saved."
        form={(onDone) => <EditReleaseForm release={release} onDone={onDone} />}
        details={
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
        }
      />
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
  const update = useUpdateRelease(props.release.id);
  return (
    <EditForm
      schema={updateReleaseBody}
      mutation={update}
      initial={() => releaseValuesOf(props.release)}
      body={releaseBodyOf}
      submitLabel="Save release"
      onDone={props.onDone}
      fields={(values, onChange, errors) => <ReleaseFields values={values} onChange={onChange} errors={errors} />}
    />
  );
}

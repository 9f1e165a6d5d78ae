import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { type Program, programSettingsSchema, publishTermsBody } from '#api/programs/programs.schemas.ts';
import { EditableSection } from '../../lib/editable-section.tsx';
import { EditForm, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { countOf, formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { QueryPage } from '../../lib/page-state.tsx';
import { useCanManageProgram, useSignedInUser } from '../../lib/session.ts';
import { ProgramMembers } from './program-members.tsx';
import { ProgramProduct } from './program-product.tsx';
import { ProgramSettingsFields, settingsOf, settingsValuesOf } from './program-settings-fields.tsx';
import { useProgram, usePublishTerms, useUpdateProgram } from './programs-api.ts';

/** One program: its releases (given by the route), its terms and its settings. */
export function ProgramPage(props: { programId: string; releases?: ReactNode; repository?: ReactNode }) {
  const program = useProgram(props.programId);
  return (
    <QueryPage query={program} title="Program not available" back={{ to: '/programs', label: 'All programs' }}>
      {(program) => <ProgramView program={program} releases={props.releases} repository={props.repository} />}
    </QueryPage>
  );
}

function ProgramView(props: { program: Program; releases: ReactNode; repository: ReactNode }) {
  const { program } = props;
  const { role } = useSignedInUser();
  const canManage = useCanManageProgram(program.id);
  return (
    <main>
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link>
      </p>
      <h1>{program.name}</h1>
      <p className="lead">
        <ProgramProduct program={program} />
      </p>
      <p>
        <Link to={`/programs/${program.id}/reports`}>Reports</Link>: every bug filed in this program, with filters.
      </p>
      <p>
        <Link to={`/programs/${program.id}/stats`}>Contribution statistics</Link>: the customer share of priority bugs,
        release by release, and the leaderboard.
      </p>
      <p>
        <Link to={`/programs/${program.id}/rescue`}>Rescue</Link>: bugs closed as not planned, or left without a
        priority, that customers keep reproducing, to send back to engineering.
      </p>
      {role === 'admin' || role === 'engineer' ? (
        <p>
          <Link to={`/programs/${program.id}/sync`}>Sync health</Link>: the GitHub queue, rate limits, failures and
          webhook deliveries.
        </p>
      ) : null}
      {props.repository}
      {props.releases}
      <TermsSection program={program} canPublish={canManage} />
      <SettingsSection program={program} canEdit={canManage} />
      <ProgramMembers programId={program.id} />
    </main>
  );
}

function SettingsSection(props: { program: Program; canEdit: boolean }) {
  const { program } = props;
  return (
    <EditableSection
      headingId="settings-heading"
      heading="Settings"
      canEdit={props.canEdit}
      editLabel="Edit settings"
      savedNotice="Settings saved."
      form={(onDone) => <EditSettingsForm program={program} onDone={onDone} />}
      details={
        <dl className="details">
          <dt>Product</dt>
          <dd>{program.product}</dd>
          <dt>GitHub repository</dt>
          <dd>{program.githubRepo ? <code>{program.githubRepo}</code> : '—'}</dd>
          <dt>Components</dt>
          <dd>{program.components.length ? program.components.join(', ') : 'None'}</dd>
          <dt>Priority levels</dt>
          <dd>{program.priorityLevels?.join(', ')}</dd>
          <dt>Counts as priority</dt>
          <dd>{program.priorityThreshold} and above</dd>
          <dt>Priority labels</dt>
          <dd>
            {program.priorityLabels?.length ? (
              <ul className="plain-list">
                {program.priorityLabels.map((entry) => (
                  <li key={entry.label}>
                    <code>{entry.label}</code> → {entry.level}
                  </li>
                ))}
              </ul>
            ) : (
              'None'
            )}
          </dd>
          <dt>Not actionable</dt>
          <dd>
            {program.notActionableLabels?.length
              ? program.notActionableLabels.map((label, index) => (
                  <span key={label}>
                    {index ? ', ' : ''}
                    <code>{label}</code>
                  </span>
                ))
              : 'No label'}
          </dd>
          <dt>Trusted GitHub commenters</dt>
          <dd>
            {program.githubCommenters?.length
              ? program.githubCommenters.map((login, index) => (
                  <span key={login}>
                    {index ? ', ' : ''}
                    <code>{login}</code>
                  </span>
                ))
              : "Only the repository's owners, members and collaborators"}
          </dd>
          <dt>Internal reports as similar reports</dt>
          <dd>{program.suggestInternalReports ? 'Offered to MVPs' : 'Not offered'}</dd>
          <dt>Reporter's answer</dt>
          <dd>{program.clearNeedsInfoOnAnswer ? 'Takes the needs-info label off' : 'Leaves the labels alone'}</dd>
          <dt>Fixed-in label prefix</dt>
          <dd>
            {program.fixedInLabelPrefix ? <code>{program.fixedInLabelPrefix}</code> : "None: the release's build"}
          </dd>
          <dt>Fix still broken</dt>
          <dd>
            {program.stillBrokenAction === 'label' ? 'Labels the issue' : 'Reopens the issue and labels it'}{' '}
            <code>{program.stillBrokenLabel}</code>
          </dd>
          <dt>Fix verified</dt>
          <dd>
            <code>{program.verifiedLabel}</code>
          </dd>
          <dt>Reminder to check a fix</dt>
          <dd>
            {program.verificationReminderDays
              ? `Once, ${countOf(program.verificationReminderDays, 'day', 'days')} after the request`
              : 'None'}
          </dd>
          <dt>Rescue</dt>
          <dd>
            {program.rescueThreshold} customers within {program.rescueWindowDays} days; label{' '}
            <code>{program.rescueLabel}</code>
          </dd>
          <dt>Report files</dt>
          <dd>
            {program.attachmentRetentionDays
              ? `Removed ${countOf(program.attachmentRetentionDays, 'day', 'days')} after the release ships`
              : 'Kept for good'}
          </dd>
        </dl>
      }
    />
  );
}

function EditSettingsForm(props: { program: Program; onDone: (saved: boolean) => void }) {
  const update = useUpdateProgram(props.program.id);
  return (
    <EditForm
      schema={programSettingsSchema}
      mutation={update}
      initial={() => settingsValuesOf(props.program)}
      body={settingsOf}
      submitLabel="Save settings"
      onDone={props.onDone}
      fields={(values, onChange, errors) => (
        <ProgramSettingsFields values={values} onChange={onChange} errors={errors} />
      )}
    />
  );
}

function TermsSection(props: { program: Program; canPublish: boolean }) {
  const { program } = props;
  const [publishing, setPublishing] = useState(false);
  const [text, setText] = useState(program.terms.text);
  const publish = usePublishTerms(program.id);
  const form = useSchemaForm(publishTermsBody, publish);

  return (
    <section aria-labelledby="terms-heading">
      <h2 id="terms-heading">Terms</h2>
      <p>
        Version {program.terms.version}, published {formatDateTime(program.terms.createdAt)}. MVPs accept it before they
        see the program's releases.
      </p>
      {publish.isSuccess && !publishing ? (
        <Notice tone="success">
          Version {publish.data.version} published. MVPs will be asked to accept it before they go on.
        </Notice>
      ) : null}
      <details className="terms-text">
        <summary>Read the current terms</summary>
        <Markdown text={program.terms.text} />
      </details>
      {program.termsVersions?.length ? (
        <>
          <h3>Versions</h3>
          <ul className="plain-list">
            {program.termsVersions.map((version) => (
              <li key={version.version}>
                Version {version.version}, {formatDateTime(version.createdAt)}{' '}
                <code className="hint" title="SHA-256 of the text">
                  {version.textHash.slice(0, 12)}
                </code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.canPublish ? (
        publishing ? (
          <SchemaForm
            form={form}
            onSubmit={form.onSubmit(() => ({ text }), { onSuccess: () => setPublishing(false) })}
            submitLabel={<>Publish version {program.terms.version + 1}</>}
            onCancel={() => setPublishing(false)}
          >
            <MarkdownField
              label="New terms"
              name="text"
              value={text}
              onChange={setText}
              error={form.fieldErrors.text}
              rows={12}
            />
          </SchemaForm>
        ) : (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              publish.reset();
              setText(program.terms.text);
              setPublishing(true);
            }}
          >
            Publish new terms version
          </button>
        )
      ) : null}
    </section>
  );
}

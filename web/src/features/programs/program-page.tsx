import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { type Program, programSettingsSchema, publishTermsBody } from '#api/programs/programs.schemas.ts';
import { FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { countOf, formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { PageLoading, PageUnavailable } from '../../lib/page-state.tsx';
import { useCanManageProgram, useSignedInUser } from '../../lib/session.ts';
import { ProgramMembers } from './program-members.tsx';
import {
  ProgramSettingsFields,
  type SettingsValues,
  settingsOf,
  settingsValuesOf,
} from './program-settings-fields.tsx';
import { useProgram, usePublishTerms, useUpdateProgram } from './programs-api.ts';

/** One program: its releases (given by the route), its terms and its settings. */
export function ProgramPage(props: { programId: string; releases?: ReactNode; repository?: ReactNode }) {
  const program = useProgram(props.programId);
  if (program.isPending) {
    return <PageLoading />;
  }
  if (program.error) {
    return (
      <PageUnavailable
        title="Program not available"
        error={program.error}
        back={{ to: '/programs', label: 'All programs' }}
      />
    );
  }
  return <ProgramView program={program.data} releases={props.releases} repository={props.repository} />;
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
        {program.product}
        {program.githubRepo ? (
          <>
            {' · '}
            <code>{program.githubRepo}</code>
          </>
        ) : null}
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
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {saved && !editing ? <Notice tone="success">Settings saved.</Notice> : null}
      {editing ? (
        <EditSettingsForm
          program={program}
          onDone={(didSave) => {
            setEditing(false);
            setSaved(didSave);
          }}
        />
      ) : (
        <>
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
          {props.canEdit ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              Edit settings
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function EditSettingsForm(props: { program: Program; onDone: (saved: boolean) => void }) {
  const [values, setValues] = useState<SettingsValues>(() => settingsValuesOf(props.program));
  const update = useUpdateProgram(props.program.id);
  const form = useSchemaForm(programSettingsSchema, update);
  return (
    <form
      className="stack"
      onBlur={form.checkOnBlur}
      onSubmit={form.onSubmit(() => settingsOf(values), { onSuccess: () => props.onDone(true) })}
      noValidate
    >
      <FormAlert message={form.formError} />
      <ProgramSettingsFields values={values} onChange={setValues} errors={form.fieldErrors} />
      <div className="button-row">
        <button type="submit" disabled={form.pending}>
          Save settings
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
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
          <form
            className="stack"
            onBlur={form.checkOnBlur}
            onSubmit={form.onSubmit(() => ({ text }), { onSuccess: () => setPublishing(false) })}
            noValidate
          >
            <FormAlert message={form.formError} />
            <MarkdownField
              label="New terms"
              name="text"
              value={text}
              onChange={setText}
              error={form.fieldErrors.text}
              rows={12}
            />
            <div className="button-row">
              <button type="submit" disabled={form.pending}>
                Publish version {program.terms.version + 1}
              </button>
              <button type="button" className="secondary" onClick={() => setPublishing(false)}>
                Cancel
              </button>
            </div>
          </form>
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

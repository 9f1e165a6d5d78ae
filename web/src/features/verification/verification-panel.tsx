import { Fragment, useEffect, useId, useState } from 'react';
import { answerVerificationBody, fixedInBody, type VerificationState } from '#api/verification/verification.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { AttachmentsField } from '../../lib/attachments/attachments-field.tsx';
import { useAttachmentUploads } from '../../lib/attachments/use-attachment-uploads.ts';
import { readBrowserEnvironment } from '../../lib/browser-environment.ts';
// The report form's environment fields, reused as they are: an answer says where it was checked.
import { EnvironmentFields, type EnvironmentValues } from '../../lib/environment-fields.tsx';
import { FormAlert, InputField, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatBytes, formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { environmentEntries } from '../../lib/report-labels.ts';
import { useAnswerVerification, useSetFixedIn, useVerification } from './verification-api.ts';
import './verification.css';

type Verification = NonNullable<VerificationState['verification']>;
type Result = 'fixed' | 'still_broken';

const emptyEnvironment: EnvironmentValues = {
  os: '',
  browser: '',
  browserVersion: '',
  screen: '',
  locale: '',
  timeZone: '',
  device: '',
  build: '',
};

/**
 * Checking a fix, on the report page: when engineering closed the bug as fixed, each person who
 * found it is asked whether it is fixed for them on the build that carries the fix, and answers
 * here once; afterwards the panel shows what they said. Staff also name the fix's build here.
 * Renders nothing when there is nothing to ask or show.
 */
export function VerificationPanel(props: { reportId: string }) {
  const state = useVerification(props.reportId);
  if (state.isPending) return null;
  if (state.error) return <FormAlert message={errorMessage(state.error)} />;
  const { verification, canAnswer, team } = state.data;
  if (!verification && !team) return null;
  return (
    <div className="verification">
      {verification ? (
        canAnswer ? (
          <AnswerForm reportId={props.reportId} verification={verification} />
        ) : (
          <YourAnswer verification={verification} />
        )
      ) : null}
      {team ? <TeamPanel reportId={props.reportId} team={team} /> : null}
    </div>
  );
}

function AnswerForm(props: { reportId: string; verification: Verification }) {
  const { verification } = props;
  const headingId = useId();
  const [result, setResult] = useState<Result | ''>('');
  const [environment, setEnvironment] = useState<EnvironmentValues>({ ...emptyEnvironment, build: verification.build });
  const [note, setNote] = useState('');
  const uploads = useAttachmentUploads([]);
  const answer = useAnswerVerification(props.reportId);
  const form = useSchemaForm(answerVerificationBody, answer);
  useEffect(() => {
    let current = true;
    void readBrowserEnvironment().then((captured) => {
      // What the person typed meanwhile wins over what the browser says.
      if (current) setEnvironment((typed) => ({ ...typed, ...pickEmpty(typed, captured) }));
    });
    return () => {
      current = false;
    };
  }, []);
  return (
    <section className="verification-panel verification-pending" aria-labelledby={headingId}>
      <h2 id={headingId}>Is it fixed for you on build {verification.build}?</h2>
      <p className="hint">
        Engineering closed this bug as fixed. Install build <strong>{verification.build}</strong>, try what you did
        before, and tell them whether it works for you now. You answer once; a "still broken" goes to engineering with
        your note and files.
      </p>
      <form
        aria-label="Check the fix"
        noValidate
        onBlur={form.checkOnBlur}
        onSubmit={form.onSubmit(
          () => ({
            result: result || undefined,
            environment,
            note,
            attachmentIds: uploads.uploaded.map((attachment) => attachment.id),
          }),
          { onSuccess: () => uploads.reset({ discard: false }) },
        )}
      >
        <FormAlert message={form.formError} />
        <fieldset className="verification-choices" aria-invalid={Boolean(form.fieldErrors.result)}>
          <legend>Your answer</legend>
          {(
            [
              ['fixed', 'Fixed for me', 'The bug no longer happens on this build.'],
              ['still_broken', 'Still broken', 'It still happens on this build.'],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className={`verification-choice verification-choice-${value.replace('_', '-')}`}>
              <input
                type="radio"
                name="result"
                value={value}
                checked={result === value}
                onChange={() => setResult(value)}
              />
              <span className="verification-choice-label">{label}</span>
              <span className="hint">{hint}</span>
            </label>
          ))}
          {form.fieldErrors.result ? <p className="field-error">{form.fieldErrors.result}</p> : null}
        </fieldset>
        <MarkdownField
          label="Note (optional)"
          name="note"
          value={note}
          onChange={setNote}
          error={form.fieldErrors.note}
          rows={4}
          hint={
            result === 'still_broken'
              ? 'What you tried and what still happens. Engineering reads it on the issue; other customers never do.'
              : 'Anything engineering should know. Markdown works.'
          }
        />
        <EnvironmentFields
          environment={environment}
          errors={form.fieldErrors}
          onChange={(key, value) => setEnvironment((current) => ({ ...current, [key]: value }))}
        />
        <AttachmentsField
          label="Files (optional)"
          entries={uploads.entries}
          error={form.fieldErrors.attachmentIds}
          onAdd={uploads.add}
          onRemove={uploads.remove}
        />
        <button type="submit" disabled={form.pending || uploads.uploading}>
          Send answer
        </button>
      </form>
    </section>
  );
}

function pickEmpty(typed: EnvironmentValues, captured: Partial<EnvironmentValues>): Partial<EnvironmentValues> {
  return Object.fromEntries(
    Object.entries(captured).filter(([key, value]) => value && !typed[key as keyof EnvironmentValues]),
  ) as Partial<EnvironmentValues>;
}

function YourAnswer(props: { verification: Verification }) {
  const { verification } = props;
  const headingId = useId();
  const environment = environmentEntries(verification.environment);
  const said =
    verification.status === 'fixed'
      ? `You said it is fixed for you on build ${verification.build}.`
      : verification.status === 'still_broken'
        ? `You said it is still broken on build ${verification.build}.`
        : null;
  return (
    <section
      className={`verification-panel verification-${verification.status.replace('_', '-')}`}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>Checking the fix</h2>
      {said ? (
        <>
          <p className="verification-said">
            <strong>{said}</strong>{' '}
            {verification.answeredAt ? (
              <time dateTime={verification.answeredAt}>{formatDateTime(verification.answeredAt)}</time>
            ) : null}
          </p>
          {verification.status === 'still_broken' ? (
            <p className="hint">Engineering has your answer on the issue. Thank you for checking.</p>
          ) : null}
          {verification.note?.trim() ? <Markdown text={verification.note} /> : null}
          {environment.length ? (
            <dl className="details compact">
              {environment.map((entry) => (
                <Fragment key={entry.key}>
                  <dt>{entry.label}</dt>
                  <dd>{entry.value}</dd>
                </Fragment>
              ))}
            </dl>
          ) : null}
          {verification.attachments.length ? (
            <ul className="verification-files" aria-label="Your files">
              {verification.attachments.map((file) => (
                <li key={file.id}>
                  <a href={`/api/attachments/${file.id}`} download={file.fileName}>
                    {file.fileName}
                  </a>{' '}
                  <span className="hint">{formatBytes(file.size)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="hint">
          You were asked to check the fix on build {verification.build}; the request expired before you answered (the
          release shipped, or engineering reopened the bug).
        </p>
      )}
    </section>
  );
}

function TeamPanel(props: { reportId: string; team: NonNullable<VerificationState['team']> }) {
  const { team } = props;
  const headingId = useId();
  const [build, setBuild] = useState(team.fixedInBuild ?? '');
  const [saved, setSaved] = useState(false);
  const setFixedIn = useSetFixedIn(props.reportId);
  const form = useSchemaForm(fixedInBody, setFixedIn);
  return (
    <section className="verification-panel verification-team" aria-labelledby={headingId}>
      <h2 id={headingId}>Fix verification</h2>
      {team.round !== null ? (
        <p>
          Round {team.round}: {team.requests} asked · {team.fixed} fixed for them · {team.stillBroken} still broken ·{' '}
          {team.pending} waiting · {team.expired} expired
        </p>
      ) : (
        <p className="hint">Nobody has been asked yet: the finders are asked when the issue is closed as completed.</p>
      )}
      {team.canSetFixedIn ? (
        <SchemaForm
          form={form}
          className="verification-fixed-in"
          aria-label="Fixed in build"
          onSubmit={form.onSubmit(() => ({ build: build.trim() ? build : null }), { onSuccess: () => setSaved(true) })}
          submitLabel="Save build"
        >
          {saved ? <Notice tone="success">Saved.</Notice> : null}
          <InputField
            label="Fixed in build"
            name="build"
            error={form.fieldErrors.build}
            hint={`The build finders check the fix on. Empty: the release's build (${team.releaseBuild}). A "fixed in" label on the issue sets it too.`}
            autoComplete="off"
            spellCheck={false}
            value={build}
            onChange={(value) => {
              setBuild(value);
              setSaved(false);
            }}
          />
        </SchemaForm>
      ) : (
        <p className="hint">Fixed in build: {team.fixedInBuild ?? `${team.releaseBuild} (the release's build)`}</p>
      )}
    </section>
  );
}

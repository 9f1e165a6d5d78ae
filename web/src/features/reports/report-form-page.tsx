import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fileReportBody, type Report, type ReportSuggestion } from '#api/reports/reports.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { AttachmentsField } from '../../lib/attachments/attachments-field.tsx';
import { useAttachmentUploads } from '../../lib/attachments/use-attachment-uploads.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { EnvironmentFields } from '../../lib/environment-fields.tsx';
import { FormAlert, InputField, Notice, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { listFieldError } from '../../lib/list-text.ts';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { PageLoading } from '../../lib/page-state.tsx';
import { useSignedInUser } from '../../lib/session.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { hasContent, newerDraft, readLocalDraft, type StoredDraft } from './report-draft.ts';
import { isSearchable, useFileReport, useServerDraft, useSimilarReports } from './report-form-api.ts';
import { ComponentField, ReleaseField, SeverityField } from './report-form-fields.tsx';
import { type ReportableRelease, useProgramComponents, useReportableReleases } from './reportable-releases.ts';
import { SimilarReports } from './similar-reports.tsx';
import { useDraftAutosave } from './use-draft-autosave.ts';
import { useReportValues } from './use-report-values.ts';
import './reports.css';

/** File a bug: the release, what happened, where, with files; the draft is kept while it is typed. */
/** The story of a bug, in the order it is told: each part a Markdown field. */
const storyFields = [
  {
    name: 'steps',
    label: 'Steps to reproduce',
    rows: 6,
    hint: 'Numbered steps from a fresh start, as precise as you can. Markdown works: “1.” for lists, `code` for names.',
  },
  {
    name: 'expected',
    label: 'Expected result',
    rows: 3,
    hint: 'What should have happened.',
  },
  {
    name: 'actual',
    label: 'Actual result',
    rows: 4,
    hint: 'What happened instead: messages word for word, what you saw on screen.',
  },
] as const;

export function ReportFormPage() {
  const user = useSignedInUser();
  const releases = useReportableReleases(user.role === 'mvp');
  const serverDraft = useServerDraft();
  if (releases.isPending || serverDraft.isPending) {
    return <PageLoading />;
  }
  if (releases.error) {
    return (
      <main className="report-page">
        <h1>File a bug</h1>
        <FormAlert message={errorMessage(releases.error)} />
        <button type="button" onClick={() => releases.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (releases.data.length === 0) {
    return (
      <main className="report-page">
        <h1>File a bug</h1>
        <p className="lead">
          {user.role === 'mvp'
            ? 'None of your releases is in its test window now. Bugs are filed while a release you take part in is being tested.'
            : 'No release is in its test window now. Bugs are filed against releases being tested.'}
        </p>
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </main>
    );
  }
  // A server draft that cannot be read still leaves this browser's copy.
  const restored = newerDraft(readLocalDraft(user.id), serverDraft.data ?? null);
  return <ReportForm userId={user.id} releases={releases.data} restored={restored} />;
}

function ReportForm(props: { userId: string; releases: ReportableRelease[]; restored: StoredDraft | null }) {
  const { releases } = props;
  const navigate = useNavigate();
  const report = useReportValues(releases, props.restored);
  const { values, edited } = report;
  const [restoredAt, setRestoredAt] = useState(() =>
    props.restored && hasContent(props.restored.values) ? props.restored.editedAt : null,
  );
  const [filed, setFiled] = useState<Report | null>(null);
  const [uploadsPending, setUploadsPending] = useState(false);
  const uploads = useAttachmentUploads(props.restored?.values.attachments ?? []);
  const { saved, save, clear } = useDraftAutosave(props.userId);
  const fileReport = useFileReport();
  const components = useProgramComponents(report.release?.programId).data ?? [];
  // The request as the form stands: checked as each field is left, and sent on submit.
  const request = {
    releaseId: values.releaseId,
    title: values.title,
    steps: values.steps,
    expected: values.expected,
    actual: values.actual,
    severity: values.severity || undefined,
    component: values.component || null,
    environment: values.environment,
    attachmentIds: uploads.uploaded.map((attachment) => attachment.id),
    clientKey: values.clientKey,
  };
  const form = useSchemaForm(fileReportBody, fileReport, {
    values: request,
    // A program with components needs one named; the schema cannot know the program's list.
    extra: (): Record<string, string> =>
      components.length > 0 && !values.component ? { component: 'Choose the component where it happens' } : {},
  });
  const filedRef = useRef<HTMLDivElement>(null);

  const uploaded = uploads.uploaded;
  useEffect(() => {
    if (edited) save({ ...values, attachments: uploaded });
  }, [edited, values, uploaded, save]);

  const title = useDebouncedValue(values.title, 400);
  const steps = useDebouncedValue(values.steps, 400);
  const similar = useSimilarReports(values.releaseId, title, steps.slice(0, 20_000));
  // Suggestions are a help, not a step: while the title is too short, or if the search fails, none show.
  const suggestions = isSearchable(values.releaseId, title) && !similar.isError ? (similar.data?.items ?? []) : [];

  useEffect(() => {
    if (filed) filedRef.current?.focus();
  }, [filed]);

  /** Starts over: the draft and its uploads are gone, the release and environment stay for the next one. */
  const startOver = (options: { discardUploads: boolean }) => {
    clear();
    uploads.reset({ discard: options.discardUploads });
    report.startOver();
    setRestoredAt(null);
  };

  const onMeToo = (suggestion: ReportSuggestion) => {
    startOver({ discardUploads: true });
    // My reports shows the notice it is given, so the reporter knows the "me too" counted.
    const notice = `Recorded: you found “${suggestion.title}” too. You follow it here, with the reports you filed.`;
    void navigate('/my-reports', { state: { notice } });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (uploads.uploading) {
      event.preventDefault();
      setUploadsPending(true);
      return;
    }
    setUploadsPending(false);
    setFiled(null);
    form.onSubmit(() => request, {
      onSuccess: (report) => {
        // The uploads now belong to the report; the next report gets a new clientKey with its fresh values.
        startOver({ discardUploads: false });
        setFiled(report);
      },
    })(event);
  };

  return (
    <main className="report-page">
      <h1>File a bug</h1>
      {filed ? (
        <div ref={filedRef} tabIndex={-1} className="filed">
          <Notice tone="success">
            Filed: “{filed.title}”. Follow it under <Link to="/my-reports">My reports</Link>; the form below is ready
            for the next one.
          </Notice>
        </div>
      ) : (
        <p className="lead">
          One bug per report, please. Steps that reproduce it help engineering most; screenshots and logs help too.
        </p>
      )}
      {restoredAt ? (
        <div className="notice restored">
          <p>Your draft from {formatDateTime(restoredAt)} is back, as you left it.</p>
          <ConfirmButton
            label="Discard draft"
            tone="danger"
            question="Throw the draft and its attachments away and start an empty report?"
            confirmLabel="Discard"
            onConfirm={() => startOver({ discardUploads: true })}
          />
        </div>
      ) : null}
      <form className="report-form" onSubmit={onSubmit} onBlur={form.checkOnBlur} noValidate>
        <FormAlert message={form.formError} />
        <ReleaseField
          releases={releases}
          value={values.releaseId}
          error={form.fieldErrors.releaseId}
          onChange={report.chooseRelease}
        />
        <InputField
          label="Title"
          name="title"
          error={form.fieldErrors.title}
          hint="One line that names what goes wrong, e.g. “Sync stops after the laptop wakes from sleep”."
          maxLength={200}
          value={values.title}
          onChange={report.setText('title')}
        />
        {/* Right under the title, in view while it is typed: the moment a "me too" saves a duplicate. */}
        <SimilarReports suggestions={suggestions} environment={values.environment} onMeToo={onMeToo} />
        {storyFields.map((field) => (
          <MarkdownField
            key={field.name}
            {...field}
            value={values[field.name]}
            onChange={report.setText(field.name)}
            error={form.fieldErrors[field.name]}
          />
        ))}
        <SeverityField
          value={values.severity}
          error={form.fieldErrors.severity}
          onChange={(severity) => report.change({ severity })}
        />
        <ComponentField
          components={components}
          value={values.component}
          error={form.fieldErrors.component}
          onChange={(component) => report.change({ component })}
        />
        <EnvironmentFields
          environment={values.environment}
          errors={form.fieldErrors}
          onChange={report.setEnvironment}
        />
        <AttachmentsField
          entries={uploads.entries}
          error={
            uploadsPending && uploads.uploading
              ? 'Wait until every file is uploaded, then file the bug.'
              : listFieldError(form.fieldErrors, 'attachmentIds')
          }
          onAdd={(files) => {
            report.markEdited();
            uploads.add(files);
          }}
          onRemove={(entry) => {
            report.markEdited();
            uploads.remove(entry);
          }}
        />
        <div className="button-row submit-row">
          <button type="submit" disabled={form.pending}>
            File bug
          </button>
          <DraftStatus saved={saved} />
        </div>
      </form>
    </main>
  );
}

function DraftStatus(props: { saved: ReturnType<typeof useDraftAutosave>['saved'] }) {
  if (!props.saved) return null;
  const at = new Date(props.saved.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <span className="hint">
      {props.saved.where === 'server' ? `Draft saved at ${at}.` : 'Draft kept in this browser.'}
    </span>
  );
}

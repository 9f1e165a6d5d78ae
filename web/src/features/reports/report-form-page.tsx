import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fileReportBody, type Report, type ReportSuggestion } from '#api/reports/reports.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { AttachmentsField } from '../../lib/attachments/attachments-field.tsx';
import { useAttachmentUploads } from '../../lib/attachments/use-attachment-uploads.ts';
import { type BrowserEnvironment, readBrowserEnvironment } from '../../lib/browser-environment.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { EnvironmentFields } from '../../lib/environment-fields.tsx';
import { Field, FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { listFieldError } from '../../lib/list-text.ts';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { PageLoading } from '../../lib/page-state.tsx';
import { useSignedInUser } from '../../lib/session.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import {
  type DraftEnvironment,
  type DraftValues,
  emptyDraft,
  hasContent,
  newerDraft,
  readLocalDraft,
  type StoredDraft,
} from './report-draft.ts';
import { isSearchable, useFileReport, useServerDraft, useSimilarReports } from './report-form-api.ts';
import { type ReportableRelease, useProgramComponents, useReportableReleases } from './reportable-releases.ts';
import { severityOptions } from './severity.ts';
import { SimilarReports } from './similar-reports.tsx';
import { useDraftAutosave } from './use-draft-autosave.ts';

type FormValues = Omit<DraftValues, 'attachments'>;

/** File a bug: the release, what happened, where, with files; the draft is kept while it is typed. */
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

/** A new report's values: the release and environment carry over from the last one, the rest starts empty. */
function freshValues(
  releases: ReportableRelease[],
  carried?: Pick<FormValues, 'releaseId' | 'environment'>,
): FormValues {
  const { attachments: _, ...empty } = emptyDraft();
  const only = releases.length === 1 ? releases[0] : undefined;
  const releaseId = carried?.releaseId || only?.id || '';
  const build = carried?.environment.build || (only?.id === releaseId ? (only?.build ?? '') : '');
  return { ...empty, releaseId, environment: { ...(carried?.environment ?? empty.environment), build } };
}

function restoredValues(releases: ReportableRelease[], restored: StoredDraft | null): FormValues {
  if (!restored) return freshValues(releases);
  const { attachments: _, ...values } = restored.values;
  // The draft's release may have left its test window since.
  if (releases.some((release) => release.id === values.releaseId)) return values;
  return { ...values, releaseId: releases.length === 1 ? (releases[0]?.id ?? '') : '' };
}

/** The browser's answers go into the fields still empty; whatever the reporter typed stays. */
function fillEmpty(environment: DraftEnvironment, captured: BrowserEnvironment): DraftEnvironment {
  const filled = { ...environment };
  for (const [key, value] of Object.entries(captured) as [keyof BrowserEnvironment, string][]) {
    if (!filled[key]) filled[key] = value;
  }
  return filled;
}

function ReportForm(props: { userId: string; releases: ReportableRelease[]; restored: StoredDraft | null }) {
  const { releases } = props;
  const navigate = useNavigate();
  const [values, setValues] = useState<FormValues>(() => restoredValues(releases, props.restored));
  // Only the reporter's own edits make a draft: opening the form, or the environment filling in, do not.
  const [edited, setEdited] = useState(false);
  const [restoredAt, setRestoredAt] = useState(() =>
    props.restored && hasContent(props.restored.values) ? props.restored.editedAt : null,
  );
  const [filed, setFiled] = useState<Report | null>(null);
  const [uploadsPending, setUploadsPending] = useState(false);
  const uploads = useAttachmentUploads(props.restored?.values.attachments ?? []);
  const { saved, save, clear } = useDraftAutosave(props.userId);
  const fileReport = useFileReport();
  const release = releases.find((candidate) => candidate.id === values.releaseId);
  const components = useProgramComponents(release?.programId).data ?? [];
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
  const severityId = useId();

  useEffect(() => {
    let current = true;
    void readBrowserEnvironment().then((captured) => {
      if (current) setValues((before) => ({ ...before, environment: fillEmpty(before.environment, captured) }));
    });
    return () => {
      current = false;
    };
  }, []);

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

  const change = (patch: Partial<FormValues>) => {
    setEdited(true);
    setValues((before) => ({ ...before, ...patch }));
  };
  const set = (key: 'title' | 'steps' | 'expected' | 'actual') => (value: string) => change({ [key]: value });
  const setEnvironment = (key: keyof DraftEnvironment, value: string) =>
    change({ environment: { ...values.environment, [key]: value } });

  const chooseRelease = (id: string) => {
    const next = releases.find((candidate) => candidate.id === id);
    const { build } = values.environment;
    change({
      releaseId: id,
      // A build filled in from the release follows the release; one typed by the reporter stays.
      environment: { ...values.environment, build: !build || build === release?.build ? (next?.build ?? '') : build },
      component: next?.programId === release?.programId ? values.component : '',
    });
  };

  /** Starts over: the draft and its uploads are gone, the release and environment stay for the next one. */
  const startOver = (options: { discardUploads: boolean }) => {
    clear();
    uploads.reset({ discard: options.discardUploads });
    setValues((before) => freshValues(releases, before));
    setEdited(false);
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
        <Field label="Release" name="releaseId" error={form.fieldErrors.releaseId}>
          {(attributes) => (
            <select {...attributes} value={values.releaseId} onChange={(e) => chooseRelease(e.target.value)}>
              {releases.length > 1 || !values.releaseId ? <option value="">Choose a release</option> : null}
              {releases.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Title"
          name="title"
          error={form.fieldErrors.title}
          hint="One line that names what goes wrong, e.g. “Sync stops after the laptop wakes from sleep”."
        >
          {(attributes) => (
            <input
              {...attributes}
              maxLength={200}
              value={values.title}
              onChange={(e) => set('title')(e.target.value)}
            />
          )}
        </Field>
        {/* Right under the title, in view while it is typed: the moment a "me too" saves a duplicate. */}
        <SimilarReports suggestions={suggestions} environment={values.environment} onMeToo={onMeToo} />
        <MarkdownField
          label="Steps to reproduce"
          name="steps"
          rows={6}
          value={values.steps}
          onChange={set('steps')}
          error={form.fieldErrors.steps}
          hint="Numbered steps from a fresh start, as precise as you can. Markdown works: “1.” for lists, `code` for names."
        />
        <MarkdownField
          label="Expected result"
          name="expected"
          rows={3}
          value={values.expected}
          onChange={set('expected')}
          error={form.fieldErrors.expected}
          hint="What should have happened."
        />
        <MarkdownField
          label="Actual result"
          name="actual"
          rows={4}
          value={values.actual}
          onChange={set('actual')}
          error={form.fieldErrors.actual}
          hint="What happened instead: messages word for word, what you saw on screen."
        />
        <fieldset
          className={form.fieldErrors.severity ? 'severity has-error' : 'severity'}
          aria-describedby={form.fieldErrors.severity ? `${severityId}-error` : undefined}
        >
          <legend>Severity</legend>
          <p className="hint">How bad it is for you. Engineering sets the priority; this helps them get there.</p>
          {severityOptions.map((option) => (
            <div key={option.value} className="severity-option">
              <input
                type="radio"
                id={`${severityId}-${option.value}`}
                name="severity"
                value={option.value}
                checked={values.severity === option.value}
                aria-invalid={Boolean(form.fieldErrors.severity)}
                aria-describedby={`${severityId}-${option.value}-hint`}
                onChange={() => change({ severity: option.value })}
              />
              <label htmlFor={`${severityId}-${option.value}`}>{option.name}</label>
              <span className="hint" id={`${severityId}-${option.value}-hint`}>
                {option.explanation}
              </span>
            </div>
          ))}
          {form.fieldErrors.severity ? (
            <p className="field-error" id={`${severityId}-error`}>
              {form.fieldErrors.severity}
            </p>
          ) : null}
        </fieldset>
        {components.length ? (
          <Field
            label="Component"
            name="component"
            error={form.fieldErrors.component}
            hint="The part of the product where it happens."
          >
            {(attributes) => (
              <select {...attributes} value={values.component} onChange={(e) => change({ component: e.target.value })}>
                <option value="">Choose a component</option>
                {components.map((component) => (
                  <option key={component} value={component}>
                    {component}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <EnvironmentFields environment={values.environment} errors={form.fieldErrors} onChange={setEnvironment} />
        <AttachmentsField
          entries={uploads.entries}
          error={
            uploadsPending && uploads.uploading
              ? 'Wait until every file is uploaded, then file the bug.'
              : listFieldError(form.fieldErrors, 'attachmentIds')
          }
          onAdd={(files) => {
            setEdited(true);
            uploads.add(files);
          }}
          onRemove={(entry) => {
            setEdited(true);
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

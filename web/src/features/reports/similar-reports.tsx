import { useEffect, useId, useRef, useState } from 'react';
import { meTooBody, type ReportSuggestion } from '#api/reports/reports.schemas.ts';
import { AttachmentsField } from '../../lib/attachments/attachments-field.tsx';
import { useAttachmentUploads } from '../../lib/attachments/use-attachment-uploads.ts';
import { Field, FormAlert, useSchemaForm } from '../../lib/form.tsx';
import { countOf } from '../../lib/format.ts';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import type { DraftEnvironment } from './report-draft.ts';
import { useMeToo } from './report-form-api.ts';
import './reports.css';

/**
 * Reports of the same release that read like this one, shown while it is typed: saying "me too" to
 * one of them counts the reporter as a co-finder, where filing again would make a duplicate.
 */
export function SimilarReports(props: {
  suggestions: ReportSuggestion[];
  environment: DraftEnvironment;
  onMeToo: (suggestion: ReportSuggestion) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (!props.suggestions.length) return null;
  return (
    <section className="similar-reports" aria-labelledby="similar-heading">
      <h2 id="similar-heading">Similar reports in this release</h2>
      <p className="hint">
        Is your bug one of these? Say “Me too” instead of filing it again: engineering gets your note, environment and
        files, and you follow the bug under My reports. You see only its title and status: the report stays its
        reporter’s, as yours stays yours.
      </p>
      <ul className="item-list">
        {props.suggestions.map((suggestion) => (
          <SuggestionRow
            key={suggestion.id}
            suggestion={suggestion}
            environment={props.environment}
            open={open === suggestion.id}
            onOpen={(isOpen) => setOpen(isOpen ? suggestion.id : null)}
            onMeToo={() => props.onMeToo(suggestion)}
          />
        ))}
      </ul>
    </section>
  );
}

function SuggestionRow(props: {
  suggestion: ReportSuggestion;
  environment: DraftEnvironment;
  open: boolean;
  onOpen: (open: boolean) => void;
  onMeToo: () => void;
}) {
  const { suggestion } = props;
  const titleId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Back from the small form, focus returns to its button rather than to the top of the page.
    if (wasOpen.current && !props.open) buttonRef.current?.focus();
    wasOpen.current = props.open;
  }, [props.open]);
  return (
    <li>
      <span className="item-title" id={titleId}>
        {suggestion.title}
      </span>
      <span className="item-meta">
        <ReportStatusBadge status={suggestion.status} priority={suggestion.priority} />
        {suggestion.meTooCount ? ` · ${countOf(suggestion.meTooCount, 'other person', 'others')} found it too` : ''}
        {suggestion.mine ? ' · you reported this already' : ''}
      </span>
      {suggestion.mine ? null : props.open ? (
        <MeTooForm
          reportId={suggestion.id}
          title={suggestion.title}
          environment={props.environment}
          onCancel={() => props.onOpen(false)}
          onDone={props.onMeToo}
        />
      ) : (
        <button
          ref={buttonRef}
          type="button"
          className="secondary"
          aria-describedby={titleId}
          onClick={() => props.onOpen(true)}
        >
          Me too
        </button>
      )}
    </li>
  );
}

/** What is sent along with a "me too", in one line. */
function environmentSummary(environment: DraftEnvironment): string {
  const browser = [environment.browser, environment.browserVersion].filter(Boolean).join(' ');
  return [
    environment.os,
    browser,
    environment.screen,
    environment.device,
    environment.build && `build ${environment.build}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

// Not a <form>: it sits inside the report's form, and forms cannot nest.
function MeTooForm(props: {
  reportId: string;
  title: string;
  environment: DraftEnvironment;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const uploads = useAttachmentUploads([]);
  const meToo = useMeToo(props.reportId);
  const form = useSchemaForm(meTooBody, meToo);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);
  const summary = environmentSummary(props.environment);
  return (
    <fieldset className="me-too">
      <legend className="visually-hidden">Me too: {props.title}</legend>
      <FormAlert message={form.formError} />
      <Field
        label="What differs for you (optional)"
        name="note"
        error={form.fieldErrors.note}
        hint="Markdown. Anything that adds to the report: other steps, another setting, how often it happens."
      >
        {(attributes) => (
          <textarea {...attributes} ref={noteRef} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <AttachmentsField
        label="Your files (optional)"
        entries={uploads.entries}
        error={form.fieldErrors.attachmentIds}
        onAdd={uploads.add}
        onRemove={uploads.remove}
      />
      <p className="hint">Your environment is sent along{summary ? `: ${summary}` : ''}.</p>
      <div className="button-row">
        <button
          type="button"
          disabled={form.pending || uploads.uploading}
          onClick={() =>
            form.submit(
              {
                note,
                environment: props.environment,
                attachmentIds: uploads.uploaded.map((attachment) => attachment.id),
              },
              {
                onSuccess: () => {
                  uploads.reset({ discard: false });
                  props.onDone();
                },
              },
            )
          }
        >
          Send “Me too”
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            uploads.reset({ discard: true });
            props.onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

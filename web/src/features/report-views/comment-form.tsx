import { useState } from 'react';
import { addCommentBody } from '#api/report-views/report-views.schemas.ts';
import { AttachmentsField } from '../../lib/attachments/attachments-field.tsx';
import { useAttachmentUploads } from '../../lib/attachments/use-attachment-uploads.ts';
import { Field, FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { useAddComment } from './report-page-api.ts';
import './report-views.css';

type Visibility = 'public' | 'team';
type Author = 'staff' | 'reporter' | 'co-finder';

const readers: Record<Exclude<Author, 'staff'>, string> = {
  reporter: 'The program team and engineering read it; people who found this bug too do not.',
  'co-finder': 'The program team and engineering read it; the person who reported the bug does not.',
};

/**
 * A comment on the report. Customers write in their own thread. Staff choose who reads it, and a team
 * note is the default: a remark meant for colleagues that reaches the customer cannot be taken back,
 * a public reply is one choice away; a public reply goes to everyone who found the bug, or to one
 * co-finder's thread (`threads`, by entry id).
 */
export function CommentForm(props: {
  reportId: string;
  author: Author;
  threads: Map<string, string>;
  /** Engineering waits for information: the reader's comment is their answer. */
  answering?: boolean;
}) {
  const staff = props.author === 'staff';
  const uploads = useAttachmentUploads([]);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>(staff ? 'team' : 'public');
  const [thread, setThread] = useState('');
  const [added, setAdded] = useState<Visibility | 'answer' | null>(null);
  const add = useAddComment(props.reportId);
  const form = useSchemaForm(addCommentBody, add);
  const team = visibility === 'team';
  const answering = Boolean(props.answering) && !staff;
  const heading = answering ? 'Answer engineering' : 'Add a comment';
  return (
    <form
      className={team ? 'comment-form comment-form-team' : 'comment-form'}
      aria-label={heading}
      id={answering ? 'answer' : undefined}
      noValidate
      onBlur={form.checkOnBlur}
      onSubmit={form.onSubmit(
        () => ({
          body,
          visibility,
          coFinderEntryId: thread || null,
          attachmentIds: team ? [] : uploads.uploaded.map((attachment) => attachment.id),
        }),
        {
          onSuccess: (comment) => {
            setBody('');
            uploads.reset({ discard: false });
            setAdded(comment.purpose === 'answer' ? 'answer' : comment.visibility);
          },
        },
      )}
    >
      <h3 className="comment-form-heading">{heading}</h3>
      {added ? (
        <Notice tone="success">
          {added === 'team'
            ? 'Team note added.'
            : added === 'answer'
              ? 'Answer sent to engineering.'
              : 'Comment added.'}
        </Notice>
      ) : null}
      <FormAlert message={form.formError} />
      <MarkdownField
        label={answering ? 'Your answer' : 'Comment'}
        name="body"
        value={body}
        onChange={(value) => {
          setBody(value);
          setAdded(null);
        }}
        error={form.fieldErrors.body}
        rows={5}
        hint={
          props.author === 'staff'
            ? 'Markdown: **bold**, *italic*, lists with "-", links as [text](https://…).'
            : `${readers[props.author]} Markdown works: **bold**, lists with "-".`
        }
      />
      {staff ? (
        <Field
          label="Visibility"
          name="visibility"
          error={form.fieldErrors.visibility}
          hint={team ? 'Only staff see a team note, never the customer.' : 'Customers see it, as chosen below.'}
        >
          {(attributes) => (
            <select
              {...attributes}
              value={visibility}
              onChange={(event) => {
                setVisibility(event.target.value as Visibility);
                setAdded(null);
              }}
            >
              <option value="public">Public (customers see it)</option>
              <option value="team">Team note (staff only)</option>
            </select>
          )}
        </Field>
      ) : null}
      {staff && props.threads.size ? (
        <Field
          label="Thread"
          name="coFinderEntryId"
          error={form.fieldErrors.coFinderEntryId}
          hint="The report's thread is read by the reporter and every co-finder; a co-finder's only by them."
        >
          {(attributes) => (
            <select {...attributes} value={thread} onChange={(event) => setThread(event.target.value)}>
              <option value="">The report (reporter and co-finders)</option>
              {[...props.threads].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {team ? null : (
        <AttachmentsField
          label="Files (optional)"
          entries={uploads.entries}
          error={form.fieldErrors.attachmentIds}
          onAdd={uploads.add}
          onRemove={uploads.remove}
        />
      )}
      <button type="submit" disabled={form.pending || uploads.uploading}>
        {answering ? 'Send answer' : 'Add comment'}
      </button>
    </form>
  );
}

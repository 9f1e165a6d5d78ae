import { useState } from 'react';
import { addCommentBody } from '../../../../api/report-views/report-views.schemas.ts';
import { Field, FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { MarkdownField } from '../../lib/markdown-field.tsx';
import { useAddComment } from './report-page-api.ts';

type Visibility = 'public' | 'team';

/**
 * A comment on the report. Staff choose who reads it, and a team note is the default: a remark meant
 * for colleagues that reaches the customer cannot be taken back, a public reply is one choice away.
 */
export function CommentForm(props: { reportId: string; staff: boolean }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>(props.staff ? 'team' : 'public');
  const [added, setAdded] = useState<Visibility | null>(null);
  const add = useAddComment(props.reportId);
  const form = useSchemaForm(addCommentBody, add);
  const team = visibility === 'team';
  return (
    <form
      className={team ? 'comment-form comment-form-team' : 'comment-form'}
      aria-label="Add a comment"
      noValidate
      onSubmit={form.onSubmit(() => ({ body, visibility }), {
        onSuccess: (comment) => {
          setBody('');
          setAdded(comment.visibility);
        },
      })}
    >
      <h3 className="comment-form-heading">Add a comment</h3>
      {added ? <Notice tone="success">{added === 'team' ? 'Team note added.' : 'Comment added.'}</Notice> : null}
      <FormAlert message={form.formError} />
      <MarkdownField
        label="Comment"
        name="body"
        value={body}
        onChange={(value) => {
          setBody(value);
          setAdded(null);
        }}
        error={form.fieldErrors.body}
        rows={5}
        hint={
          props.staff
            ? 'Markdown: **bold**, *italic*, lists with "-", links as [text](https://…).'
            : 'The program team reads it, and so does anyone else who found this bug. Markdown works: **bold**, lists with "-".'
        }
      />
      {props.staff ? (
        <Field
          label="Visibility"
          name="visibility"
          error={form.fieldErrors.visibility}
          hint={team ? 'Only staff see a team note, never the customer.' : 'The reporter and co-finders see it.'}
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
              <option value="public">Public (the reporter sees it)</option>
              <option value="team">Team note (staff only)</option>
            </select>
          )}
        </Field>
      ) : null}
      <button type="submit" disabled={form.pending}>
        Add comment
      </button>
    </form>
  );
}

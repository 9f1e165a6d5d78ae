import { type ReactNode, useState } from 'react';
import { Notice } from './form.tsx';

/**
 * A section of details that those allowed edit in place: the details with an Edit button, or else
 * the form; once saved, a notice above the details says so.
 */
export function EditableSection(props: {
  headingId: string;
  heading: string;
  canEdit: boolean;
  editLabel: string;
  savedNotice: string;
  details: ReactNode;
  form: (onDone: (saved: boolean) => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.heading}</h2>
      {saved && !editing ? <Notice tone="success">{props.savedNotice}</Notice> : null}
      {editing ? (
        props.form((didSave) => {
          setEditing(false);
          setSaved(didSave);
        })
      ) : (
        <>
          {props.details}
          {props.canEdit ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {props.editLabel}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { Field } from './form.tsx';
import { Markdown } from './markdown.tsx';
import './markdown-field.css';

/** A textarea for Markdown, with a live preview of what readers will see. */
export function MarkdownField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  rows?: number;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="markdown-field">
      <Field
        label={props.label}
        name={props.name}
        error={props.error}
        hint={props.hint ?? 'Markdown: **bold**, *italic*, lists with "-", links as [text](https://…).'}
      >
        {(attributes) => (
          <textarea
            {...attributes}
            rows={props.rows ?? 8}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
      </Field>
      <button type="button" className="quiet" aria-pressed={preview} onClick={() => setPreview(!preview)}>
        {preview ? 'Hide preview' : 'Preview'}
      </button>
      {preview ? (
        <section className="markdown-preview" aria-label={`Preview of ${props.label.toLowerCase()}`}>
          {props.value.trim() ? <Markdown text={props.value} /> : <p className="hint">Nothing to preview yet.</p>}
        </section>
      ) : null}
    </div>
  );
}

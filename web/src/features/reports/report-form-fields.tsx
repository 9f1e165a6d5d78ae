import { useId } from 'react';
import { Field } from '../../lib/form.tsx';
import type { ReportableRelease } from './reportable-releases.ts';
import { severityOptions } from './severity.ts';
import './reports.css';

// The report form's own choices: which release, how bad, which component.

export function ReleaseField(props: {
  releases: ReportableRelease[];
  value: string;
  error?: string;
  onChange: (id: string) => void;
}) {
  const { releases, value } = props;
  return (
    <Field label="Release" name="releaseId" error={props.error}>
      {(attributes) => (
        <select {...attributes} value={value} onChange={(e) => props.onChange(e.target.value)}>
          {releases.length > 1 || !value ? <option value="">Choose a release</option> : null}
          {releases.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function SeverityField(props: {
  value: string;
  error?: string;
  onChange: (severity: (typeof severityOptions)[number]['value']) => void;
}) {
  const id = useId();
  const { error } = props;
  return (
    <fieldset
      className={error ? 'severity has-error' : 'severity'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>Severity</legend>
      <p className="hint">How bad it is for you. Engineering sets the priority; this helps them get there.</p>
      {severityOptions.map((option) => (
        <div key={option.value} className="severity-option">
          <input
            type="radio"
            id={`${id}-${option.value}`}
            name="severity"
            value={option.value}
            checked={props.value === option.value}
            aria-invalid={Boolean(error)}
            aria-describedby={`${id}-${option.value}-hint`}
            onChange={() => props.onChange(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.name}</label>
          <span className="hint" id={`${id}-${option.value}-hint`}>
            {option.explanation}
          </span>
        </div>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Shown only for a program that names its components. */
export function ComponentField(props: {
  components: string[];
  value: string;
  error?: string;
  onChange: (component: string) => void;
}) {
  if (props.components.length === 0) return null;
  return (
    <Field label="Component" name="component" error={props.error} hint="The part of the product where it happens.">
      {(attributes) => (
        <select {...attributes} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">Choose a component</option>
          {props.components.map((component) => (
            <option key={component} value={component}>
              {component}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

import { Field, type FieldErrors } from '../../lib/form.tsx';
import type { DraftEnvironment } from './report-draft.ts';

const fields: { key: keyof DraftEnvironment; label: string; placeholder?: string }[] = [
  { key: 'os', label: 'Operating system' },
  { key: 'browser', label: 'Browser' },
  { key: 'browserVersion', label: 'Browser version' },
  { key: 'screen', label: 'Screen' },
  { key: 'locale', label: 'Locale' },
  { key: 'timeZone', label: 'Time zone' },
  { key: 'device', label: 'Device', placeholder: 'e.g. Surface Pro 9, Pixel 8' },
  { key: 'build', label: 'Build', placeholder: 'The build you tested' },
];

/** Where it happened: read from this browser, and open to correction (a bug seen on another machine). */
export function EnvironmentFields(props: {
  environment: DraftEnvironment;
  errors: FieldErrors;
  onChange: (key: keyof DraftEnvironment, value: string) => void;
}) {
  return (
    <fieldset className="environment">
      <legend>Environment</legend>
      <p className="hint">
        Filled in from this browser. Change anything that differs where you saw the bug, and add the device and build.
      </p>
      <div className="field-grid">
        {fields.map((field) => (
          <Field key={field.key} label={field.label} name={field.key} error={props.errors[`environment.${field.key}`]}>
            {(attributes) => (
              <input
                {...attributes}
                autoComplete="off"
                spellCheck={false}
                placeholder={field.placeholder}
                value={props.environment[field.key]}
                onChange={(event) => props.onChange(field.key, event.target.value)}
              />
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

import type { BrowserEnvironment } from './browser-environment.ts';
import { type FieldErrors, InputField } from './form.tsx';
import { environmentLabels } from './report-labels.ts';
import './environment-fields.css';

/** The environment a form asks for: what filing captures, and what a verification answer says it was checked on. */
export type EnvironmentValues = BrowserEnvironment & { device: string; build: string };

const placeholders: Partial<Record<keyof EnvironmentValues, string>> = {
  device: 'e.g. Surface Pro 9, Pixel 8',
  build: 'The build you tested',
};
const fields = (Object.keys(environmentLabels) as (keyof EnvironmentValues)[]).map((key) => ({
  key,
  label: environmentLabels[key]!,
  placeholder: placeholders[key],
}));

/** Where it happened: read from this browser, and open to correction (a bug seen on another machine). */
export function EnvironmentFields(props: {
  environment: EnvironmentValues;
  errors: FieldErrors;
  onChange: (key: keyof EnvironmentValues, value: string) => void;
}) {
  return (
    <fieldset className="environment">
      <legend>Environment</legend>
      <p className="hint">
        Filled in from this browser. Change anything that differs where you saw the bug, and add the device and build.
      </p>
      <div className="field-grid">
        {fields.map((field) => (
          <InputField
            key={field.key}
            label={field.label}
            name={`environment.${field.key}`}
            error={props.errors[`environment.${field.key}`]}
            autoComplete="off"
            spellCheck={false}
            placeholder={field.placeholder}
            value={props.environment[field.key]}
            onChange={(value) => props.onChange(field.key, value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

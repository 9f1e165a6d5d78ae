import type { MutateOptions, UseMutationResult } from '@tanstack/react-query';
import {
  type FocusEvent,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { z } from 'zod';
import { ApiError, errorMessage } from './api-client.ts';

export type FieldErrors = Record<string, string>;

type ErrorEntry = {
  message: string;
  /** `check`: found here, checked again as the value changes; `server`: the API's, gone once the value changes. */
  source: 'check' | 'server';
  /** The field's value when the error was found. */
  value: string;
};

const valueAt = (values: unknown, path: string) =>
  JSON.stringify(
    path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], values) ??
      null,
  );

/** Field errors as kept by the form, each with where it came from and its field's value then. */
const errorEntries = (fields: FieldErrors, source: ErrorEntry['source'], values: unknown) =>
  Object.fromEntries(
    Object.entries(fields).map(([path, message]) => [path, { message, source, value: valueAt(values, path) }]),
  ) as Record<string, ErrorEntry>;

export type SchemaFormOptions = {
  /**
   * The request as the form stands now, when it is not what `onSubmit` is given. With the one or the
   * other, a field is checked as the person leaves it (the form's `onBlur`, through `checkOnBlur`), and
   * an error clears as soon as its field is fixed.
   */
  values?: unknown;
  /** Checks the schema cannot make (a program's own list of components), by field. */
  extra?: (values: unknown) => FieldErrors;
};

/**
 * Validates form values with the request's own zod schema (the one the API validates with), then
 * runs the mutation; field errors from either side land under their inputs, anything else in an alert.
 * A field is checked when the person leaves it and again while they fix it; a submit that finds
 * errors moves focus (and the view) to the first field at fault.
 */
export function useSchemaForm<S extends z.ZodType, R>(
  schema: S,
  mutation: UseMutationResult<R, Error, z.output<S>>,
  options: SchemaFormOptions = {},
) {
  const [errors, setErrors] = useState<Record<string, ErrorEntry>>({});
  const [clientFormError, setClientFormError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const latest = useRef(options);
  latest.current = options;
  // What `onSubmit` was last given: it reads the form's state, so it says what the form holds now.
  const submitValues = useRef<(() => unknown) | null>(null);
  const currentValues = () => latest.current.values ?? submitValues.current?.();

  const issuesOf = useCallback(
    (values: unknown) => {
      const fields: FieldErrors = {};
      const unplaced: string[] = [];
      const parsed = schema.safeParse(values);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.join('.');
          if (path) fields[path] ??= issue.message;
          else unplaced.push(issue.message);
        }
      }
      for (const [path, message] of Object.entries(latest.current.extra?.(values) ?? {})) fields[path] ??= message;
      return { fields, unplaced, data: parsed.success ? parsed.data : undefined };
    },
    [schema],
  );

  /** Checks the values and, if they pass, runs the mutation; for a group of fields that cannot be a form of its own. */
  const submit = (values: unknown, mutateOptions?: MutateOptions<R, Error, z.output<S>>) => {
    const { fields, unplaced, data } = issuesOf(values);
    if (Object.keys(fields).length > 0 || unplaced.length > 0 || data === undefined) {
      mutation.reset();
      setErrors(errorEntries(fields, 'check', values));
      setClientFormError(unplaced.join(' ') || null);
      setFocusRequest((count) => count + 1);
      return;
    }
    setErrors({});
    setClientFormError(null);
    mutation.mutate(data as z.output<S>, {
      ...mutateOptions,
      onError: (error, ...rest) => {
        if (error instanceof ApiError) {
          setErrors(errorEntries(error.fieldErrors, 'server', values));
        }
        setFocusRequest((count) => count + 1);
        mutateOptions?.onError?.(error, ...rest);
      },
    });
  };

  const onSubmit = (values: () => unknown, mutateOptions?: MutateOptions<R, Error, z.output<S>>) => {
    submitValues.current = values;
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      formRef.current = event.currentTarget;
      submit(values(), mutateOptions);
    };
  };

  /** For the form's `onBlur`: the field just left is checked. */
  const checkOnBlur = (event: FocusEvent<HTMLFormElement>) => {
    formRef.current = event.currentTarget;
    const name = (event.target as { name?: unknown }).name;
    const values = currentValues();
    if (typeof name !== 'string' || !name || values === undefined) return;
    // Leaving a field for another control of the same group (a radio button) is not leaving it.
    const next = event.relatedTarget as { name?: unknown } | null;
    if (next && next.name === name) return;
    const message = issuesOf(values).fields[name];
    setErrors((before) => {
      const { [name]: current, ...rest } = before;
      if (message) return { ...rest, ...errorEntries({ [name]: message }, 'check', values) };
      return current?.source === 'server' ? before : rest;
    });
  };

  // As the values change, an error found here is checked again (cleared when fixed), and one the
  // server gave goes when its field changes.
  // Runs after every render, when `onSubmit` has been given this render's values.
  const checkedKey = useRef<string | null>(null);
  useEffect(() => {
    const values = currentValues();
    const key = values === undefined ? null : JSON.stringify(values);
    if (key === null || key === checkedKey.current) return;
    checkedKey.current = key;
    setErrors((before) => {
      const paths = Object.keys(before);
      if (paths.length === 0) return before;
      const { fields } = issuesOf(values);
      let changed = false;
      const next: Record<string, ErrorEntry> = {};
      for (const path of paths) {
        const entry = before[path]!;
        const value = valueAt(values, path);
        if (entry.source === 'server') {
          if (value === entry.value) next[path] = entry;
          else changed = true;
        } else if (fields[path]) {
          next[path] = fields[path] === entry.message ? entry : { ...entry, message: fields[path], value };
          changed ||= fields[path] !== entry.message;
        } else changed = true;
      }
      return changed ? next : before;
    });
  });

  // After a refused submit, the first field at fault takes focus (which scrolls it into view); with
  // none, the alert is brought into view.
  useEffect(() => {
    if (focusRequest === 0) return;
    const form = formRef.current;
    const scope: ParentNode = form?.isConnected ? form : document;
    const field = scope.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus();
      field.scrollIntoView({ block: 'center' });
    } else scope.querySelector<HTMLElement>('.alert')?.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  const fieldErrors: FieldErrors = Object.fromEntries(
    Object.entries(errors).map(([path, entry]) => [path, entry.message]),
  );
  const serverError = mutation.error;
  const formError = clientFormError ?? (serverError ? formErrorOf(serverError) : null);
  return { fieldErrors, formError, pending: mutation.isPending, onSubmit, submit, checkOnBlur };
}

function formErrorOf(error: Error): string | null {
  // Invalid fields speak for themselves under their inputs; "Invalid body." above them adds nothing.
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    return error.code === 'validation' || !error.problem.detail ? null : error.problem.detail;
  }
  return errorMessage(error);
}

export type ControlAttributes = { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string };

/** A labelled control with its hint and error message, tied together for screen readers. */
export function Field(props: {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
  children: (attributes: ControlAttributes) => ReactNode;
}) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        name: props.name,
        'aria-invalid': Boolean(props.error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled one-line input, the common case of `Field`: `onChange` is given the new text. */
export function InputField(
  props: {
    label: string;
    name: string;
    error?: string | undefined;
    hint?: string;
    value: string;
    onChange: (value: string) => void;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'onChange'>,
) {
  const { label, name, error, hint, onChange, ...input } = props;
  return (
    <Field label={label} name={name} error={error} {...(hint === undefined ? {} : { hint })}>
      {(attributes) => <input {...attributes} {...input} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/**
 * A form checked with `useSchemaForm`: its alert above the fields, its submit button under them, and
 * beside it Cancel when the form can be left without saving.
 */
export function SchemaForm(props: {
  form: { formError: string | null; pending: boolean; checkOnBlur: (event: FocusEvent<HTMLFormElement>) => void };
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitLabel: ReactNode;
  onCancel?: () => void;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  /** What comes before the alert: the form's heading, a word on what it does. */
  intro?: ReactNode;
  /** What comes after the buttons: a way elsewhere. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  const submit = (
    <button type="submit" disabled={props.form.pending}>
      {props.submitLabel}
    </button>
  );
  return (
    <form
      className={props.className ?? 'stack'}
      aria-label={props['aria-label']}
      aria-labelledby={props['aria-labelledby']}
      onBlur={props.form.checkOnBlur}
      onSubmit={props.onSubmit}
      noValidate
    >
      {props.intro}
      <FormAlert message={props.form.formError} />
      {props.children}
      {props.onCancel ? (
        <div className="button-row">
          {submit}
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      ) : (
        submit
      )}
      {props.footer}
    </form>
  );
}

/**
 * The form that edits what a page shows (a program's settings, a release's details): the fields on
 * the values as they stand, then Save and Cancel. `onDone(true)` once saved, `onDone(false)` on Cancel.
 */
export function EditForm<S extends z.ZodType, R, V>(props: {
  schema: S;
  mutation: UseMutationResult<R, Error, z.output<S>>;
  initial: () => V;
  /** The request the values make. */
  body: (values: V) => unknown;
  submitLabel: string;
  onDone: (saved: boolean) => void;
  fields: (values: V, onChange: (values: V) => void, errors: FieldErrors) => ReactNode;
}) {
  const [values, setValues] = useState<V>(props.initial);
  const form = useSchemaForm(props.schema, props.mutation);
  return (
    <SchemaForm
      form={form}
      onSubmit={form.onSubmit(() => props.body(values), { onSuccess: () => props.onDone(true) })}
      submitLabel={props.submitLabel}
      onCancel={() => props.onDone(false)}
    >
      {props.fields(values, setValues, form.fieldErrors)}
    </SchemaForm>
  );
}

export function FormAlert(props: { message: string | null | undefined }) {
  if (!props.message) return null;
  return (
    <p className="alert" role="alert">
      {props.message}
    </p>
  );
}

/** A quiet confirmation that something worked, announced by screen readers without stealing focus. */
export function Notice(props: { children: ReactNode; tone?: 'info' | 'success' }) {
  return (
    <p className={props.tone === 'success' ? 'notice success' : 'notice'} role="status">
      {props.children}
    </p>
  );
}

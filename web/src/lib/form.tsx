import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';

export type FieldErrors = Record<string, string>;

/**
 * Validates form values with the request's own zod schema (the one the API validates with), then
 * submits; field errors from either side land under their inputs, anything else in an alert.
 */
export function useSchemaForm<S extends z.ZodType>(schema: S, submit: (body: z.output<S>) => Promise<unknown>) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = (values: () => unknown) => async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = schema.safeParse(values());
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])));
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      await submit(parsed.data);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) {
        setFieldErrors(error.fieldErrors);
        if (error.problem.detail) setFormError(error.problem.detail);
      } else {
        setFormError(error instanceof Error ? error.message : 'Something went wrong.');
      }
    } finally {
      setPending(false);
    }
  };
  return { fieldErrors, formError, pending, onSubmit, setFormError };
}

export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (attributes: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        'aria-invalid': Boolean(props.error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {props.hint && !props.error ? (
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

export function FormAlert(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p className="alert" role="alert">
      {props.message}
    </p>
  );
}

/** The token of a one-time link: it travels in the URL fragment, never sent to any server. */
export function linkToken(): string {
  return window.location.hash.replace(/^#/, '');
}

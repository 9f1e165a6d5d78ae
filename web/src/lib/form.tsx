import type { MutateOptions, UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { z } from 'zod';
import { ApiError, errorMessage } from './api-client.ts';

export type FieldErrors = Record<string, string>;

/**
 * Validates form values with the request's own zod schema (the one the API validates with), then
 * runs the mutation; field errors from either side land under their inputs, anything else in an alert.
 */
export function useSchemaForm<S extends z.ZodType, R>(schema: S, mutation: UseMutationResult<R, Error, z.output<S>>) {
  const [clientErrors, setClientErrors] = useState<{ fields: FieldErrors; form: string | null } | null>(null);

  /** Checks the values and, if they pass, runs the mutation; for a group of fields that cannot be a form of its own. */
  const submit = (values: unknown, options?: MutateOptions<R, Error, z.output<S>>) => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      mutation.reset();
      const fields: FieldErrors = {};
      const unplaced: string[] = [];
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        if (path) fields[path] ??= issue.message;
        else unplaced.push(issue.message);
      }
      setClientErrors({ fields, form: unplaced.join(' ') || null });
      return;
    }
    setClientErrors(null);
    mutation.mutate(parsed.data, options);
  };

  const onSubmit =
    (values: () => unknown, options?: MutateOptions<R, Error, z.output<S>>) => (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      submit(values(), options);
    };

  const serverError = mutation.error;
  const fieldErrors = clientErrors?.fields ?? (serverError instanceof ApiError ? serverError.fieldErrors : {});
  const formError = clientErrors ? clientErrors.form : serverError ? formErrorOf(serverError) : null;
  return { fieldErrors, formError, pending: mutation.isPending, onSubmit, submit };
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

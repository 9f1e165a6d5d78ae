import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { z } from 'zod';
import { passwordResetBody } from '#api/auth/auth.schemas.ts';
import { SignInEmailField } from '../../lib/account-fields.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { SchemaForm, useSchemaForm } from '../../lib/form.tsx';

export type ForgotPasswordState = { email?: string } | null;

/**
 * Asks for a link to choose a new password. The answer is the same whether or not an account has the
 * address, so the page cannot say more than that a link went out if one exists.
 */
export function ForgotPasswordPage() {
  const state = useLocation().state as ForgotPasswordState;
  const [email, setEmail] = useState(state?.email ?? '');
  const request = useMutation({
    mutationFn: (json: z.output<typeof passwordResetBody>) => unwrap(api.auth['password-reset'].$post({ json })),
  });
  const form = useSchemaForm(passwordResetBody, request);

  return (
    <main className="narrow">
      <h1>Forgot your password?</h1>
      {request.isSuccess ? (
        <div className="card" role="status">
          <h2>Check your e-mail</h2>
          <p>
            If an account exists for that address, we sent a link to it. Open it within an hour to choose a new
            password; it works once.
          </p>
          <p className="hint">
            No e-mail after a few minutes? Look in your spam folder, check the address and ask again, or ask a program
            lead.
          </p>
          <p>
            <Link to="/sign-in">Back to sign-in</Link>
          </p>
        </div>
      ) : (
        <SchemaForm
          form={form}
          className="card"
          onSubmit={form.onSubmit(() => ({ email }))}
          submitLabel="Send me a link"
          intro={
            <p>Enter the e-mail address you sign in with, and we will send you a link to choose a new password.</p>
          }
          footer={
            <p className="hint">
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          }
        >
          <SignInEmailField value={email} onChange={setEmail} error={form.fieldErrors.email} />
        </SchemaForm>
      )}
    </main>
  );
}

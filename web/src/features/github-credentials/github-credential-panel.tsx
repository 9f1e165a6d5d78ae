import { useState } from 'react';
import { setGithubCredentialBody } from '#api/github-sync/credentials/github-credentials.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { Field, FormAlert, InputField, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCanManageProgram } from '../../lib/session.ts';
import { useChangeGithubCredential, useGithubCredential } from './github-credential-api.ts';

/**
 * Whose GitHub credential the program's reports go out with, and, for those who manage the
 * program, a form to give it its own (a token, or a GitHub App installation). What was entered is
 * never shown again: the server keeps it sealed and answers with a hint only.
 */
export function GithubCredentialPanel(props: { programId: string }) {
  const canChange = useCanManageProgram(props.programId);
  const credential = useGithubCredential(props.programId);
  const change = useChangeGithubCredential(props.programId);
  const [editing, setEditing] = useState(false);
  const summary = credential.data;
  if (!summary) return <FormAlert message={credential.error ? errorMessage(credential.error) : null} />;
  return (
    <div className="stack">
      <h3>GitHub access</h3>
      <p>
        {summary.source === 'program'
          ? `Reports go out with this program's own credential: ${summary.hint}${
              summary.setAt ? `, entered ${formatDateTime(summary.setAt)}` : ''
            }.`
          : summary.source === 'environment'
            ? `Reports go out with the server's ${summary.kind === 'app' ? `GitHub App (${summary.hint})` : 'token'}.`
            : 'The server has no GitHub credential, and this program has none of its own.'}
      </p>
      {summary.source === 'program' && !summary.usable ? (
        <p className="alert" role="alert">
          This credential can no longer be read (the server's CREDENTIALS_KEY changed): enter it again.
        </p>
      ) : null}
      {change.set.isSuccess && !editing ? (
        <Notice tone="success">Saved; the repository was checked with it.</Notice>
      ) : null}
      <FormAlert message={change.clear.error ? errorMessage(change.clear.error) : null} />
      {canChange && !summary.programsMayBringCredentials ? (
        <p className="hint">
          To give programs credentials of their own, set <code>CREDENTIALS_KEY</code> on the server.
        </p>
      ) : null}
      {canChange && summary.programsMayBringCredentials ? (
        editing ? (
          <CredentialForm set={change.set} onDone={() => setEditing(false)} />
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                change.set.reset();
                setEditing(true);
              }}
            >
              {summary.source === 'program' ? 'Replace the credential' : 'Use a credential of its own'}
            </button>
            {summary.source === 'program' ? (
              <button
                type="button"
                className="secondary"
                disabled={change.clear.isPending}
                onClick={() => change.clear.mutate()}
              >
                Use the server's credential
              </button>
            ) : null}
          </div>
        )
      ) : null}
    </div>
  );
}

function CredentialForm(props: { set: ReturnType<typeof useChangeGithubCredential>['set']; onDone: () => void }) {
  const form = useSchemaForm(setGithubCredentialBody, props.set);
  const [kind, setKind] = useState<'token' | 'app'>('token');
  const [token, setToken] = useState('');
  const [appId, setAppId] = useState('');
  const [installationId, setInstallationId] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  return (
    <SchemaForm
      form={form}
      onSubmit={form.onSubmit(
        () => (kind === 'token' ? { kind, token } : { kind, appId, installationId, privateKey }),
        { onSuccess: props.onDone },
      )}
      submitLabel={form.pending ? 'Checking the repository…' : 'Save and check'}
      onCancel={props.onDone}
    >
      <fieldset className="rules">
        <legend>Credential</legend>
        {(
          [
            ['token', 'A token', 'A fine-grained token with read and write access to issues on the repository.'],
            ['app', 'A GitHub App', 'An App installed on the repository, with read and write access to issues.'],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value}>
            <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />{' '}
            {label} <span className="hint">{hint}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'token' ? (
        <InputField
          label="Token"
          name="token"
          error={form.fieldErrors.token}
          hint="Stored sealed, never shown again."
          type="password"
          autoComplete="off"
          value={token}
          onChange={setToken}
        />
      ) : (
        <>
          <InputField
            label="App ID"
            name="appId"
            error={form.fieldErrors.appId}
            inputMode="numeric"
            value={appId}
            onChange={setAppId}
          />
          <InputField
            label="Installation ID"
            name="installationId"
            error={form.fieldErrors.installationId}
            hint="Leave it empty to find it from the program's repository; or the number at the end of the installation's settings page address."
            inputMode="numeric"
            value={installationId}
            onChange={setInstallationId}
          />
          <Field
            label="Private key"
            name="privateKey"
            error={form.fieldErrors.privateKey}
            hint="The App's .pem file, whole. Stored sealed, never shown again."
          >
            {(attributes) => (
              <textarea
                {...attributes}
                rows={6}
                autoComplete="off"
                spellCheck={false}
                value={privateKey}
                onChange={(event) => setPrivateKey(event.target.value)}
              />
            )}
          </Field>
        </>
      )}
    </SchemaForm>
  );
}

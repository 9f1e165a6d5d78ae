import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert, Notice } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCanManageProgram } from '../../lib/session.ts';
import { GithubCredentialPanel } from '../github-credentials/github-credential-panel.tsx';
import { useRepositoryCheck, useRunRepositoryCheck } from './repository-check-api.ts';

/**
 * Whether the program's reports can reach GitHub, in plain words, with "Check now" for those who
 * manage the program (it also creates the labels the sync needs).
 */
export function RepositoryStatus(props: { programId: string }) {
  const canCheck = useCanManageProgram(props.programId);
  const check = useRepositoryCheck(props.programId);
  const run = useRunRepositoryCheck(props.programId);
  const state = check.data;
  return (
    <section aria-labelledby="repository-heading">
      <h2 id="repository-heading">GitHub repository</h2>
      {state ? (
        state.connected ? (
          <Notice tone="success">
            Connected to <code>{state.githubRepo}</code>
            {state.checkedAt ? ` (checked ${formatDateTime(state.checkedAt)})` : ''}: reports reach GitHub.
            {run.data?.labelsCreated.length ? ` Labels created: ${run.data.labelsCreated.join(', ')}.` : ''}
          </Notice>
        ) : (
          <p className="notice" role="alert">
            <strong>Not connected to GitHub.</strong> {state.problem ?? 'The repository has not been checked yet.'}{' '}
            Reports wait until it is, and nothing is lost meanwhile.
          </p>
        )
      ) : null}
      {canCheck ? (
        <button type="button" className="secondary" disabled={run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? 'Checking…' : 'Check now'}
        </button>
      ) : null}
      <FormAlert message={check.error ? errorMessage(check.error) : run.error ? errorMessage(run.error) : null} />
      <GithubCredentialPanel programId={props.programId} />
    </section>
  );
}

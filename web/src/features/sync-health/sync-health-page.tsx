import { Link } from 'react-router';
import type { SyncHealth } from '#api/github-sync/health/sync-health.schemas.ts';
import type { Program } from '#api/programs/programs.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PageLoading, PageUnavailable } from '../../lib/page-state.tsx';
import { useProgram } from '../programs/programs-api.ts';
import { DeliveriesTable } from './deliveries-table.tsx';
import { reconciliationError } from './sync-format.ts';
import { refreshMs, useSyncHealth } from './sync-health-api.ts';
import { DeadLettersTable, FailuresTable } from './sync-job-tables.tsx';
import { SyncStatusTiles } from './sync-status-tiles.tsx';
import { When } from './when.tsx';
import './sync-health.css';

/** How a program's GitHub sync is doing, for those who look after it; refreshes by itself. */
export function SyncHealthPage(props: { programId: string }) {
  const program = useProgram(props.programId);
  const health = useSyncHealth(props.programId);
  if (program.isPending || health.isPending) {
    return <PageLoading />;
  }
  const failed = program.error ?? (health.data ? null : health.error);
  if (failed || !program.data || !health.data) {
    return (
      <PageUnavailable
        title="Sync health not available"
        error={failed}
        back={{ to: '/programs', label: 'All programs' }}
      />
    );
  }
  return <SyncHealthView program={program.data} health={health.data} refreshError={health.error} />;
}

function SyncHealthView(props: { program: Program; health: SyncHealth; refreshError: Error | null }) {
  const { program, health } = props;
  const now = health.checkedAt;
  const { reconciliation } = health;
  const lastError = reconciliationError(reconciliation);
  return (
    <main className="sync-health">
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link> › <Link to={`/programs/${program.id}`}>{program.name}</Link>
      </p>
      <h1>Sync health — {program.name}</h1>
      <p className="lead">
        GitHub sync with <code>{health.githubRepo}</code>. Refreshes every {refreshMs / 1000} seconds; checked{' '}
        <time dateTime={now}>{formatDateTime(now)}</time>.
      </p>
      {/* A failed refresh keeps the figures of the last one on screen, and says they are getting old. */}
      <FormAlert message={props.refreshError ? `Could not refresh: ${errorMessage(props.refreshError)}` : null} />
      {!health.configured.credentials ? (
        <p className="notice">
          <strong>No GitHub credentials are configured</strong> (<code>GITHUB_TOKEN</code>, or a GitHub App): reports
          wait in the queue until they are.
        </p>
      ) : null}
      {!health.configured.webhookSecret ? (
        <p className="notice">
          <strong>Webhooks have no secret</strong> (<code>GITHUB_WEBHOOK_SECRET</code>): GitHub's deliveries cannot be
          verified, so triage arrives only through reconciliation.
        </p>
      ) : null}
      {health.webhooks.notReaching ? (
        <p className="notice" role="alert">
          <strong>Webhooks are not reaching Fieldtest.</strong> Reconciliation found a change
          {health.webhooks.missedIssue !== null ? ` to issue #${health.webhooks.missedIssue}` : ''} that no delivery
          brought
          {health.webhooks.missedAt ? (
            <>
              {' '}
              (<When at={health.webhooks.missedAt} now={now} />)
            </>
          ) : null}
          , and nothing has arrived since. Check the webhook's payload URL and secret in the repository's settings;
          until then triage arrives only as often as reconciliation runs.
        </p>
      ) : null}
      <SyncStatusTiles health={health} />

      <section aria-labelledby="dead-heading">
        <h2 id="dead-heading">
          Dead letters <span className="hint">({health.deadLetters.length})</span>
        </h2>
        {health.deadLetters.length ? (
          <>
            <p className="hint">
              These jobs stopped trying. Fix the cause, then retry: each starts again with a fresh set of attempts, and
              a report already on GitHub is found there rather than filed twice.
            </p>
            <DeadLettersTable programId={program.id} jobs={health.deadLetters} now={now} />
          </>
        ) : (
          <p className="hint">No dead letter.</p>
        )}
      </section>

      <section aria-labelledby="failures-heading">
        <h2 id="failures-heading">
          Failing <span className="hint">({health.failures.length})</span>
        </h2>
        {health.failures.length ? (
          <FailuresTable programId={program.id} jobs={health.failures} now={now} />
        ) : (
          <p className="hint">No job is failing.</p>
        )}
      </section>

      <section aria-labelledby="reconcile-heading">
        <h2 id="reconcile-heading">Reconciliation</h2>
        <dl className="details compact">
          <dt>Last run</dt>
          <dd>
            <When at={reconciliation.lastReconcileAt} now={now} />
          </dd>
          <dt>Last success</dt>
          <dd>
            <When at={reconciliation.lastSuccessAt} now={now} />
          </dd>
          <dt title="Issues updated since then are read again">Caught up to</dt>
          <dd>{reconciliation.watermark ? formatDateTime(reconciliation.watermark) : '—'}</dd>
          {lastError ? (
            <>
              <dt>{lastError.recovered ? 'Earlier error' : 'Last error'}</dt>
              <dd className={lastError.recovered ? 'hint' : 'sync-reason'}>
                {lastError.text}{' '}
                {lastError.at ? (
                  <span className="hint">
                    (<When at={lastError.at} now={now} />)
                  </span>
                ) : null}
                {lastError.recovered ? ' Recovered: reconciliation has succeeded since.' : null}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">
          Webhook deliveries <span className="hint">(newest {health.deliveries.length})</span>
        </h2>
        <p className="hint">
          Last contact from GitHub:{' '}
          {health.webhooks.lastContactAt ? (
            <>
              <When at={health.webhooks.lastContactAt} now={now} /> ({health.webhooks.lastContactEvent})
            </>
          ) : (
            'never'
          )}
          . A <code>ping</code>, sent when the webhook is saved or tested on GitHub, counts.
        </p>
        {health.deliveries.length ? (
          <DeliveriesTable deliveries={health.deliveries} now={now} />
        ) : (
          <p className="hint">No delivery from GitHub for this repository yet.</p>
        )}
      </section>
    </main>
  );
}

import type { SyncHealth } from '#api/github-sync/health/sync-health.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatDuration } from './sync-format.ts';
import { When } from './when.tsx';
import './sync-health.css';

type Credential = SyncHealth['budget']['credentials'][number];

const credentialsNames: Record<SyncHealth['configured']['credentialsKind'], string> = {
  token: 'Personal access token',
  app: 'GitHub App',
  none: 'Not configured',
};

/** The four things to look at first: the queue, GitHub's budget, the last success, the configuration. */
export function SyncStatusTiles(props: { health: SyncHealth }) {
  const { health } = props;
  const { queue } = health;
  const now = health.checkedAt;
  const credential = health.budget.credentials.find((entry) => entry.current) ?? null;
  return (
    <ul className="tiles sync-tiles">
      <li className="tile" aria-labelledby="tile-queue">
        <h2 id="tile-queue" className="tile-heading">
          Queue
        </h2>
        <p className="tile-figure">
          {queue.pending} <span className="tile-unit">waiting</span>
        </p>
        <p className="hint">
          {queue.running} running · {queue.failing} failing · {queue.dead} dead · {queue.done} done
        </p>
        <p className="hint">
          {queue.oldestPendingSeconds === null
            ? 'Nothing is waiting.'
            : `Oldest waiting for ${formatDuration(queue.oldestPendingSeconds)}.`}
        </p>
      </li>
      <li className="tile" aria-labelledby="tile-budget">
        <h2 id="tile-budget" className="tile-heading">
          GitHub budget
        </h2>
        {credential ? (
          <BudgetFigures health={health} credential={credential} />
        ) : (
          <p className="hint">No credentials, so nothing is sent and no budget is used.</p>
        )}
      </li>
      <li className="tile" aria-labelledby="tile-success">
        <h2 id="tile-success" className="tile-heading">
          Last success
        </h2>
        <p className="tile-figure">{health.lastSuccess.at ? <When at={health.lastSuccess.at} now={now} /> : 'Never'}</p>
        <p className="hint">
          Last write: <When at={health.lastSuccess.jobDoneAt} now={now} />
          <br />
          Last reconciliation: <When at={health.lastSuccess.reconcileSuccessAt} now={now} />
        </p>
      </li>
      <li className="tile" aria-labelledby="tile-config">
        <h2 id="tile-config" className="tile-heading">
          Configuration
        </h2>
        <dl className="details compact">
          <dt>Credentials</dt>
          <dd>
            <span className={`badge ${health.configured.credentials ? 'badge-sync-ok' : 'badge-sync-bad'}`}>
              {credentialsNames[health.configured.credentialsKind]}
            </span>
          </dd>
          <dt>Webhooks</dt>
          <dd>
            <span className={`badge ${health.configured.webhookSecret ? 'badge-sync-ok' : 'badge-sync-bad'}`}>
              {health.configured.webhookSecret ? 'Secret set' : 'No secret'}
            </span>
          </dd>
        </dl>
      </li>
    </ul>
  );
}

function BudgetFigures(props: { health: SyncHealth; credential: Credential }) {
  const { health, credential } = props;
  const { budget } = health;
  const scaled = budget.minuteWindowSeconds !== 60;
  return (
    <>
      {credential.blocked && credential.blockedUntil ? (
        <p className="sync-blocked">
          Paused until {formatDateTime(credential.blockedUntil)}
          {credential.blockedReason ? `: ${credential.blockedReason}` : ''}
        </p>
      ) : null}
      <p className="hint">Issues and comments created:</p>
      <BudgetBar
        window={scaled ? `Last ${formatDuration(budget.minuteWindowSeconds)}` : 'Last minute'}
        label={
          scaled
            ? `Issues and comments, last ${formatDuration(budget.minuteWindowSeconds)}`
            : 'Issues and comments, last minute'
        }
        used={credential.contentLastMinute}
        limit={budget.contentPerMinute}
      />
      <BudgetBar
        window={scaled ? `Last ${formatDuration(budget.hourWindowSeconds)}` : 'Last hour'}
        label={
          scaled
            ? `Issues and comments, last ${formatDuration(budget.hourWindowSeconds)}`
            : 'Issues and comments, last hour'
        }
        used={credential.contentLastHour}
        limit={budget.contentPerHour}
      />
      <p className="hint">
        {credential.coreRemaining !== null && credential.coreLimit !== null
          ? `${credential.coreRemaining.toLocaleString()} of ${credential.coreLimit.toLocaleString()} requests left`
          : 'Request limit not reported yet'}
        {credential.coreResetAt ? (
          <>
            , resets <When at={credential.coreResetAt} now={health.checkedAt} />
          </>
        ) : null}
        .
      </p>
    </>
  );
}

/** Used against allowed: green, amber past 80 %, red at the limit (the meter's own low and high marks). */
function BudgetBar(props: { window: string; label: string; used: number; limit: number }) {
  return (
    <div className="budget">
      <div className="budget-label">
        <span>{props.window}</span>
        <span>
          {props.used} of {props.limit}
        </span>
      </div>
      <meter
        aria-label={props.label}
        min={0}
        max={props.limit}
        value={Math.min(props.used, props.limit)}
        low={props.limit * 0.8}
        high={props.limit - 0.5}
        optimum={0}
      />
    </div>
  );
}

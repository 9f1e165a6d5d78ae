import type { SyncJobProblem } from '#api/github-sync/health/sync-health.schemas.ts';

export const jobKindNames: Record<SyncJobProblem['kind'], string> = {
  create_issue: 'Create issue',
  post_comment: 'Post comment',
  update_issue: 'Update issue',
};

/**
 * A span of time as people say it: "40 s", "3 min", "2 h 5 min", "3 days". Measured against the
 * server's clock (`checkedAt`), so a browser whose clock is off does not skew it.
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** "3 min ago" or "in 40 s", relative to the server's `now`. */
export function formatRelative(iso: string, now: string): string {
  const seconds = (Date.parse(iso) - Date.parse(now)) / 1000;
  if (Math.abs(seconds) < 1) return 'now';
  return seconds < 0 ? `${formatDuration(-seconds)} ago` : `in ${formatDuration(seconds)}`;
}

/**
 * Reconciliation's last error as sync health shows it: current while no run has succeeded since,
 * recovered (kept for the record, not as the state of things) once one has.
 */
export function reconciliationError(reconciliation: {
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
}): { text: string; at: string | null; recovered: boolean } | null {
  const { lastError, lastErrorAt, lastSuccessAt } = reconciliation;
  if (!lastError) return null;
  const recovered = !!lastErrorAt && !!lastSuccessAt && Date.parse(lastSuccessAt) > Date.parse(lastErrorAt);
  return { text: lastError, at: lastErrorAt, recovered };
}

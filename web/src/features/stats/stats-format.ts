import type { ContributionFigures } from '#api/stats/stats.schemas.ts';

/** A share as a percentage with one decimal ("28.6%"), or a dash when there is nothing to divide. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** "28.6% (95% CI 12.1–51.8%)". */
export function formatInterval(figures: Pick<ContributionFigures, 'interval'>): string {
  const interval = figures.interval;
  return interval ? `${(interval.lower * 100).toFixed(1)}–${(interval.upper * 100).toFixed(1)}%` : '—';
}

export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  return hours >= 48 ? `${(hours / 24).toFixed(1)} days` : `${hours.toFixed(1)} h`;
}

/** The cluster list's address for a figure: every figure on the dashboard links to its clusters. */
export function clustersHref(programId: string, filter: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) search.set(key, value);
  const query = search.toString();
  return `/programs/${programId}/stats/clusters${query ? `?${query}` : ''}`;
}

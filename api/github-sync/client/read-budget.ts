/**
 * GitHub's primary budget (5,000 requests an hour for a token, more for an App installation) is
 * shared by reads and writes. Reads stop while what is left is down to a reserve, so that reading
 * (refetches, duplicate originals, reconciliation) never takes the requests the sync needs to send
 * customers' reports, answers and comments: 5% of the budget, at least 10 requests.
 */
export function readReserve(coreLimit: number): number {
  return Math.max(10, Math.ceil(coreLimit * 0.05));
}

export type CoreBudget = { coreLimit: number | null; coreRemaining: number | null; coreResetAt: Date | null };

/** Until when reads wait for GitHub's budget to reset; null when they may go (or nothing is known yet). */
export function readBudgetSpentUntil(budget: CoreBudget, now: Date): Date | null {
  const { coreLimit, coreRemaining, coreResetAt } = budget;
  if (coreLimit === null || coreRemaining === null || !coreResetAt || coreResetAt <= now) return null;
  return coreRemaining <= readReserve(coreLimit) ? coreResetAt : null;
}

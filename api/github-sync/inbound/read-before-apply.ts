import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { GithubIssue } from '../client/github.schemas.ts';
import { sameState } from './apply-issue-state.ts';
import { fetchIssue } from './fetch-issue.ts';
import { findReportByIssue } from './find-report-by-issue.ts';
import { isBeyondNow } from './github-time.ts';
import type { InboundSettings } from './inbound-context.ts';
import { type DuplicateOriginal, readDuplicateOriginal } from './read-duplicate-original.ts';

/**
 * What applying an issue may need from GitHub besides the delivery itself, read before the
 * transaction that locks the report, so that no GitHub call is ever made while a row is locked:
 * - `original`: a duplicate's original, from the issue's timeline (read-duplicate-original.ts);
 * - `current`: the issue as GitHub has it now, when the delivered state is dated ahead of now or
 *   ties the stored one's date with other contents;
 * - `issues`: other issues fetched by number (an original not yet known, to import it).
 */
export type GithubReads = {
  /**
   * The stored report already says what the delivered issue says (same date to the second, state,
   * reason and labels; not a duplicate, whose original may yet be linked, nor deleted): applying it
   * would change nothing, so callers may skip the transaction. GitHub sends an `opened` and one
   * `labeled` per label for every issue created with labels, all alike: only the first changes anything.
   */
  unchanged: boolean;
  original: DuplicateOriginal;
  current: { kind: 'read'; issue: GithubIssue | null } | { kind: 'not_read' };
  issues: Map<number, GithubIssue | null>;
};

export type ReadNeed = { what: 'original' } | { what: 'current' } | { what: 'issue'; number: number };

/**
 * Thrown inside the transaction when applying turns out to need a read that was not made before it
 * (the state changed in between): the transaction rolls back, the read is made, and it runs again.
 */
export class GithubReadNeeded extends Error {
  constructor(readonly need: ReadNeed) {
    super(`GitHub must be read first (${need.what === 'issue' ? `issue #${need.number}` : need.what})`);
  }
}

/** The reads a transaction may use; asking for one not made throws GithubReadNeeded. */
export function readsOf(reads: GithubReads) {
  return {
    unchanged: reads.unchanged,
    original: reads.original,
    current: (): GithubIssue | null => {
      if (reads.current.kind === 'not_read') throw new GithubReadNeeded({ what: 'current' });
      return reads.current.issue;
    },
    issue: (number: number): GithubIssue | null => {
      if (!reads.issues.has(number)) throw new GithubReadNeeded({ what: 'issue', number });
      return reads.issues.get(number) ?? null;
    },
  };
}
export type Reads = ReturnType<typeof readsOf>;

/** Reads nothing: for callers that have no GitHub (or need none), every read is answered as unavailable. */
export const noReads: GithubReads = {
  unchanged: false,
  original: { kind: 'unavailable' },
  current: { kind: 'read', issue: null },
  issues: new Map(),
};

/**
 * Makes the reads applying `repo#number` (delivered as `issue`, when a delivery brings it) is
 * expected to need, judged from the delivery and the stored report without locking anything, plus
 * those a previous attempt found missing.
 */
export async function readBeforeApply(options: {
  prisma: PrismaClient;
  settings: InboundSettings;
  repo: string;
  number: number;
  issue?: Pick<GithubIssue, 'state' | 'state_reason' | 'updated_at' | 'labels'>;
  needs?: ReadNeed[];
}): Promise<GithubReads> {
  const { prisma, settings, repo, number, issue } = options;
  const github = settings.github;
  if (!github) return noReads;
  const needs = options.needs ?? [];
  const needed = (what: ReadNeed['what']) => needs.some((need) => need.what === what);
  const [stored] = await prisma.$queryRaw<
    {
      status: string;
      issueUpdatedAt: Date | null;
      issueState: string | null;
      issueStateReason: string | null;
      issueLabels: string[];
      deleted: boolean;
    }[]
  >`
    select status::text as status, "issueUpdatedAt", "issueState", "issueStateReason", "issueLabels",
      "issueDeletedAt" is not null as deleted
    from "Report"
    where "issueNumber" = ${number} and lower("issueRepo") = lower(${repo}) limit 1`;

  const delivered = issue ? Date.parse(issue.updated_at) : null;
  const closedAsDuplicate = issue?.state === 'closed' && issue.state_reason === 'duplicate';
  const ahead = delivered !== null && isBeyondNow(delivered);
  // A tie with the same contents (a redelivery, or the `labeled` events that follow an `opened`) applies
  // nothing and needs no read; a tie with other contents asks GitHub which came last.
  const same = issue !== undefined && stored?.issueUpdatedAt?.getTime() === delivered ? sameState(stored, issue) : null;
  const ties = same === false;
  const unchanged = same === true && !ahead && !closedAsDuplicate && !stored?.deleted && stored?.status !== 'duplicate';
  if (unchanged && needs.length === 0) {
    return { unchanged, original: { kind: 'not_read' }, current: { kind: 'not_read' }, issues: new Map() };
  }

  const original =
    closedAsDuplicate || stored?.status === 'duplicate' || needed('original')
      ? await readDuplicateOriginal({ prisma, github, repo, number })
      : ({ kind: 'not_read' } as const);

  const current: GithubReads['current'] =
    ahead || ties || needed('current')
      ? { kind: 'read', issue: await fetchOne(prisma, settings, repo, number) }
      : { kind: 'not_read' };

  const issues = new Map<number, GithubIssue | null>();
  const wanted = new Set(needs.flatMap((need) => (need.what === 'issue' ? [need.number] : [])));
  const named = original.kind === 'answered' ? original.original : null;
  if (named && named.repo.toLowerCase() === repo.toLowerCase()) {
    if (!(await findReportByIssue(prisma, repo, named.number))) wanted.add(named.number);
  }
  for (const other of wanted) issues.set(other, await fetchOne(prisma, settings, repo, other));
  return { unchanged, original, current, issues };
}

async function fetchOne(prisma: PrismaClient, settings: InboundSettings, repo: string, number: number) {
  if (!settings.github) return null;
  const fetched = await fetchIssue(prisma, { github: settings.github, repo, number });
  return fetched.kind === 'issue' ? fetched.issue : null;
}

/**
 * Reads, then applies in a transaction; when applying finds a read missing, reads it and applies
 * again (up to three times). Returns null when the reads still did not settle: try again later.
 */
export async function applyAfterReads<T>(
  read: Omit<Parameters<typeof readBeforeApply>[0], 'needs'>,
  apply: (reads: Reads) => Promise<T>,
): Promise<T | null> {
  const needs: ReadNeed[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const reads = await readBeforeApply({ ...read, needs });
    try {
      return await apply(readsOf(reads));
    } catch (error) {
      if (!(error instanceof GithubReadNeeded)) throw error;
      needs.push(error.need);
    }
  }
  return null;
}

import type { PrismaClient } from '../generated/prisma/client.ts';
import { classifyGithubError, type GithubFailure } from '../github/classify-github-error.ts';
import { type GithubIssue, githubIssueSchema } from '../github/github.schemas.ts';
import type { GithubClient } from '../github/github-client.ts';
import type { Tx } from './inbound-context.ts';

export type FetchedIssue =
  | { kind: 'issue'; issue: GithubIssue }
  | { kind: 'failed'; failure: GithubFailure }
  | { kind: 'blocked'; until: Date };

/**
 * The issue as GitHub has it now. A transferred issue answers 301 with its new address; the client
 * does not follow redirects (redirect: 'manual'), so it is followed here, once, and the issue
 * returned names its new repository (the caller sees it moved). Nothing is sent while the
 * credential is blocked (after a rate limit or an outage, see api/sync): the caller goes on without.
 */
/** Until when nothing may be sent with the credential (after a rate limit or an outage); null: go ahead. */
export async function blockedUntil(db: PrismaClient | Tx, rateKey: string): Promise<Date | null> {
  const rate = await db.githubRateState.findUnique({ where: { key: rateKey }, select: { blockedUntil: true } });
  return rate?.blockedUntil && rate.blockedUntil.getTime() > Date.now() ? rate.blockedUntil : null;
}

export async function fetchIssue(
  db: PrismaClient | Tx,
  options: { github: GithubClient; repo: string; number: number },
): Promise<FetchedIssue> {
  const { github, repo, number } = options;
  const until = await blockedUntil(db, github.rateKey);
  if (until) return { kind: 'blocked', until };
  const [owner = '', name = ''] = repo.split('/');
  try {
    const response = await github.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner,
      repo: name,
      issue_number: number,
    });
    return { kind: 'issue', issue: githubIssueSchema.parse(response.data) };
  } catch (error) {
    const failure = classifyGithubError(error);
    if (failure.kind !== 'moved' || !failure.location) return { kind: 'failed', failure };
    try {
      const moved = await github.octokit.request({ method: 'GET', url: failure.location });
      return { kind: 'issue', issue: githubIssueSchema.parse(moved.data) };
    } catch (movedError) {
      return { kind: 'failed', failure: classifyGithubError(movedError) };
    }
  }
}

import type { PrismaClient } from '../../generated/prisma/client.ts';
import { readBlockedUntil } from '../client/allow-github-read.ts';
import { classifyGithubError, type GithubFailure } from '../client/classify-github-error.ts';
import { type GithubIssue, githubIssueSchema } from '../client/github.schemas.ts';
import type { GithubClient } from '../client/github-client.ts';
import { recordGithubSuccess } from '../client/record-github-success.ts';
import type { Tx } from './inbound-context.ts';

export type FetchedIssue =
  | { kind: 'issue'; issue: GithubIssue }
  | { kind: 'failed'; failure: GithubFailure }
  | { kind: 'blocked'; until: Date };

/**
 * The issue as GitHub has it now. A transferred issue answers 301 with its new address; the client
 * does not follow redirects (redirect: 'manual'), so it is followed here, once, and the issue
 * returned names its new repository (the caller sees it moved). Nothing is sent while the
 * credential is blocked (after a rate limit or an outage: readBlockedUntil): the caller goes on without.
 */
export async function fetchIssue(
  db: PrismaClient | Tx,
  options: { github: GithubClient; repo: string; number: number },
): Promise<FetchedIssue> {
  const { github, repo, number } = options;
  const until = await readBlockedUntil(db, github.rateKey);
  if (until) return { kind: 'blocked', until };
  const [owner = '', name = ''] = repo.split('/');
  try {
    const response = await github.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner,
      repo: name,
      issue_number: number,
    });
    await recordGithubSuccess({ prisma: db, rateKey: github.rateKey, headers: response.headers });
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

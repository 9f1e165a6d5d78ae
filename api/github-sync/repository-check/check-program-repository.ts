import type { PrismaClient } from '../../generated/prisma/client.ts';
import { AppError } from '../../lib/app-error.ts';
import { allowGithubRead } from '../client/allow-github-read.ts';
import { classifyGithubError } from '../client/classify-github-error.ts';
import type { GithubClient } from '../client/github-client.ts';
import { recordGithubFailure } from '../client/record-github-failure.ts';
import type { Pacing } from '../client/sync-timing.ts';
import type { RepositoryCheck } from './repository-check.schemas.ts';

// GitHub's answer when a label of that name exists already (created meanwhile by someone else).
const alreadyExists = /already_exists/;

/**
 * Checks the program's repository on GitHub: it exists and the credential sees it, issues are on,
 * the credential may label issues (push or triage), and the labels the sync puts on issues exist
 * (`fieldtest` and the program's other issue labels, `source: …`, `release: …` of releases not
 * shipped, and the priority labels): missing ones are created. The outcome is kept on the
 * program's sync state, where the program page, the lead's home and waiting reports read it.
 * Nothing is sent while the credential is blocked after a rate limit or an outage.
 */
export async function checkProgramRepository(options: {
  prisma: PrismaClient;
  github: GithubClient | null;
  pacing: Pacing;
  programId: string;
}): Promise<RepositoryCheck> {
  const { prisma, github, programId } = options;
  const program = await prisma.program.findUnique({
    where: { id: programId },
    select: {
      githubRepo: true,
      issueLabels: true,
      priorityLabels: true,
      releases: { where: { status: { not: 'shipped' } }, select: { version: true } },
    },
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const repo = program.githubRepo;
  const record = async (problem: string | null, labelsCreated: string[] = []): Promise<RepositoryCheck> => {
    const checkedAt = new Date();
    await prisma.programSync.upsert({
      where: { programId },
      create: { programId, repoCheckedAt: checkedAt, repoProblem: problem },
      update: { repoCheckedAt: checkedAt, repoProblem: problem },
      select: { programId: true },
    });
    return {
      githubRepo: repo,
      checkedAt: checkedAt.toISOString(),
      connected: problem === null,
      problem,
      labelsCreated,
    };
  };

  if (!github) {
    return record(
      "No GitHub credential: enter one for this program, or configure the server's (GITHUB_TOKEN, or a GitHub App).",
    );
  }
  const gate = await allowGithubRead({ prisma, rateKey: github.rateKey, pacing: options.pacing });
  if (!gate.ok) {
    return record(`GitHub asked Fieldtest to wait; the repository is checked again after ${gate.waitMs} ms.`);
  }
  const [owner = '', name = ''] = repo.split('/');
  try {
    const { data } = await github.octokit.rest.repos.get({ owner, repo: name });
    if (data.has_issues === false) return record(`Issues are turned off in ${repo}.`);
    const permissions = data.permissions;
    if (permissions && !permissions.push && !permissions.triage && !permissions.admin && !permissions.maintain) {
      return record(`The credential can read ${repo} but not label its issues (it needs Issues: write).`);
    }
    const existing = new Set<string>();
    for await (const page of github.octokit.paginate.iterator(github.octokit.rest.issues.listLabelsForRepo, {
      owner,
      repo: name,
      per_page: 100,
    })) {
      for (const label of page.data) existing.add(label.name.toLowerCase());
    }
    const wanted = [
      ...program.issueLabels,
      'source: customer',
      'source: internal',
      ...program.releases.map((release) => `release: ${release.version}`),
      ...(program.priorityLabels as { label: string }[]).map((entry) => entry.label),
    ];
    const created: string[] = [];
    for (const label of new Set(wanted)) {
      if (existing.has(label.toLowerCase())) continue;
      try {
        await github.octokit.rest.issues.createLabel({ owner, repo: name, name: label, color: labelColor(label) });
        created.push(label);
      } catch (error) {
        if (!alreadyExists.test(JSON.stringify((error as { response?: { data?: unknown } }).response?.data ?? ''))) {
          throw error;
        }
      }
      existing.add(label.toLowerCase());
    }
    return record(null, created);
  } catch (error) {
    const failure = classifyGithubError(error);
    await recordGithubFailure({ prisma, rateKey: github.rateKey, failure, pacing: options.pacing });
    if (failure.kind === 'gone') return record(`GitHub has no repository ${repo}, or the credential cannot see it.`);
    if (failure.kind === 'unauthorized') return record('GitHub refuses the credential (revoked or expired?).');
    if (failure.kind === 'rejected' && failure.status === 403) {
      return record(`The credential may not do this in ${repo}: ${failure.reason}`);
    }
    return record(`GitHub could not be asked about ${repo}: ${failure.reason}`);
  }
}

/** Fieldtest's labels in one quiet colour, priority-looking ones in red. */
function labelColor(label: string): string {
  return /^(p[0-3]|priority:)/i.test(label) ? 'b60205' : 'c5def5';
}

/** The last check of the program's repository, as stored. */
export async function readRepositoryCheck(prisma: PrismaClient, programId: string, githubRepo: string) {
  const state = await prisma.programSync.findUnique({
    where: { programId },
    select: { repoCheckedAt: true, repoProblem: true },
  });
  return {
    githubRepo,
    checkedAt: state?.repoCheckedAt?.toISOString() ?? null,
    connected: !!state?.repoCheckedAt && state.repoProblem === null,
    problem: state?.repoProblem ?? null,
    labelsCreated: [],
  } satisfies RepositoryCheck;
}

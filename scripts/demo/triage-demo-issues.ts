import type { PrismaClient } from '../../api/generated/prisma/client.ts';
import type { GithubEmulator } from '../github-emulator/start-github-emulator.ts';
import { seededRandom } from './demo-data.ts';
import type { DemoProgram } from './seed-demo-program.ts';

type Control = GithubEmulator['control'];

/**
 * Engineering at work on GitHub, through the emulator as people in its web UI: priority labels on
 * the canonical issue of each bug, duplicates closed with GitHub's "Close as duplicate" or with
 * "Duplicate of #N", fixes and won't-fixes
 * closed, and internal testers opening issues of their own for the release in testing (some of
 * them bugs a customer had already reported). Every change reaches Fieldtest by webhook.
 */
export async function triageDemoIssues(prisma: PrismaClient, control: Control, demo: DemoProgram) {
  const random = seededRandom(7);
  const { repo } = demo;
  // The vendor's own people belong to the organisation that owns the repository, so their comments
  // reach reporters.
  for (const login of [...demo.engineers, ...demo.internalLogins]) await control.setAssociation(repo, login, 'MEMBER');
  const reports = await prisma.report.findMany({
    where: { programId: demo.programId, issueNumber: { not: null } },
    select: { id: true, issueNumber: true, title: true },
  });
  const issueOf = new Map(reports.map((report) => [report.id, report.issueNumber as number]));
  const labelsOf = async (issueNumber: number) => {
    const issue = (await control.issues(repo)).find((candidate) => candidate.number === issueNumber);
    return (issue?.labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
  };
  const allIssues = await control.issues(repo);
  const labels = new Map(
    allIssues.map((issue) => [
      issue.number,
      issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    ]),
  );

  let actions = 0;
  // Bugs are triaged side by side, as several engineers would; each bug's steps stay in order.
  const triageCluster = async (
    cluster: DemoProgram['clusters'][number],
    engineer: string,
    comment: boolean,
    button: boolean,
  ) => {
    const numbers = cluster.reportIds.map((id) => issueOf.get(id)).filter((n): n is number => n !== undefined);
    const canonical = numbers[cluster.canonicalIndex] ?? numbers[0];
    if (canonical === undefined) return;
    for (const duplicate of numbers) {
      if (duplicate === canonical) continue;
      if (button) {
        // GitHub's "Close as duplicate": the original is on the issue's timeline, with no comment.
        await control.closeAsDuplicate(repo, duplicate, { login: engineer, of: canonical });
        actions += 1;
        continue;
      }
      await control.comment(repo, duplicate, { login: engineer, body: `Duplicate of #${canonical}` });
      await control.updateIssue(repo, duplicate, { login: engineer, state: 'closed', state_reason: 'duplicate' });
      actions += 2;
    }
    const current = labels.get(canonical) ?? (await labelsOf(canonical));
    const next = [...current];
    if (cluster.label) next.push(cluster.label);
    if (cluster.closing === 'wontfix') next.push('wontfix');
    if (next.length !== current.length) {
      await control.updateIssue(repo, canonical, { login: engineer, labels: next });
      actions += 1;
    }
    if (cluster.label && comment) {
      await control.comment(repo, canonical, {
        login: engineer,
        body: 'Thanks, reproduced on the nightly build. Could you attach the log from Help > Diagnostics?',
      });
      actions += 1;
    }
    if (cluster.closing) {
      const reason = cluster.closing === 'completed' ? 'completed' : 'not_planned';
      await control.updateIssue(repo, canonical, { login: engineer, state: 'closed', state_reason: reason });
      actions += 1;
    }
  };
  // Choices are drawn up front, in cluster order, so every demo triages alike.
  const plan = demo.clusters.map((cluster) => ({
    cluster,
    engineer: random.pick(demo.engineers),
    comment: random.chance(0.25),
    // Some engineers use GitHub's "Close as duplicate", others write "Duplicate of #N" and close.
    button: random.chance(0.5),
  }));
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < plan.length) {
        const step = plan[next++];
        if (step) await triageCluster(step.cluster, step.engineer, step.comment, step.button);
      }
    }),
  );

  // Internal testers working straight in GitHub on the release in testing.
  const current = await prisma.report.findMany({
    where: { programId: demo.programId, release: { version: demo.currentVersion }, source: 'customer' },
    select: { title: true, issueNumber: true },
    take: 60,
  });
  for (let index = 0; index < 36; index += 1) {
    const login = random.pick(demo.internalLogins);
    const echo = index % 3 === 0 ? current[index] : undefined;
    const title = echo
      ? `${echo.title} (seen in QA)`
      : `QA: ${random.pick(['Crash', 'Glitch', 'Slowdown'])} in scenario ${index + 1}`;
    const level = random.pick(['P0', 'P1', 'P1', 'P2', 'P3'] as const);
    const issue = await control.openIssue(repo, {
      login,
      title,
      body: 'Found during the regression pass.',
      labels: [`release: ${demo.currentVersion}`, level],
    });
    actions += 1;
    if (echo?.issueNumber) {
      // A customer had it first: the QA issue is folded into theirs.
      await control.comment(repo, issue.number, {
        login: demo.engineers[0] ?? login,
        body: `Duplicate of #${echo.issueNumber}`,
      });
      await control.updateIssue(repo, issue.number, {
        login: demo.engineers[0] ?? login,
        state: 'closed',
        state_reason: 'duplicate',
      });
      actions += 2;
    }
  }
  await control.webhooksIdle();
  return actions;
}

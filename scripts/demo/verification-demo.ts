import type { PrismaClient } from '../../api/generated/prisma/client.ts';
import { addMeToo } from '../../api/reports/add-me-too.ts';
import { answerVerification } from '../../api/verification/answer-verification.ts';
import type { GithubEmulator } from '../github-emulator/start-github-emulator.ts';
import { environments, seededRandom } from './demo-data.ts';
import type { DemoProgram } from './seed-demo-program.ts';

type Control = GithubEmulator['control'];

const hour = 3_600_000;

const fixedNotes = ['', '', 'Works now, thanks!', 'Tried it three times: fine.', 'Fixed on my machine.'];
const brokenNotes = [
  'Still happens after installing the new build, every time.',
  'Better, but it still fails when the file is on a network drive.',
  'Same crash as before; the log is unchanged.',
];

/**
 * The finders checking engineering's fixes in the release in testing, through the operation the API
 * uses: most answer "fixed for me", some "still broken" (which posts a comment to the issue and
 * reopens it), some never answer. The requests are dated back a little first (engineering closed
 * them over the past days, not this second), so time to verify reads as it would. The demo
 * customer keeps one request to answer in the portal.
 */
export async function verificationDemo(prisma: PrismaClient, control: Control, demo: DemoProgram) {
  const random = seededRandom(11);
  await askTheDemoCustomer(prisma, control, demo);
  const pending = await prisma.verification.findMany({
    where: { status: 'pending', report: { programId: demo.programId } },
    select: {
      id: true,
      reportId: true,
      build: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
    orderBy: { id: 'asc' },
  });
  const now = Date.now();
  let kept = false;
  let answered = 0;
  let stillBroken = 0;
  for (const request of pending) {
    if (request.user.email === demo.mvp.email && !kept) {
      kept = true;
      continue;
    }
    await prisma.verification.update({
      where: { id: request.id },
      data: { requestedAt: new Date(now - random.int(3, 96) * hour) },
      select: { id: true },
    });
    if (!random.chance(0.75)) continue;
    const broken = random.chance(0.2);
    try {
      await answerVerification({
        prisma,
        user: request.user,
        reportId: request.reportId,
        result: broken ? 'still_broken' : 'fixed',
        environment: { ...random.pick(environments), build: request.build },
        note: random.pick(broken ? brokenNotes : fixedNotes),
        attachmentIds: [],
      });
      answered += 1;
      if (broken) stillBroken += 1;
    } catch {
      // A still-broken answer reopened the issue meanwhile: the others' requests on it expired.
    }
  }
  return { answered, stillBroken, requests: pending.length };
}

/**
 * The demo customer says "me too" to another customer's open bug, and engineering then closes it
 * as fixed with a "fixed in" label: the customer has a request waiting when they sign in.
 */
async function askTheDemoCustomer(prisma: PrismaClient, control: Control, demo: DemoProgram) {
  const customer = await prisma.user.findUniqueOrThrow({
    where: { email: demo.mvp.email },
    select: { id: true, email: true, name: true, role: true },
  });
  const bug = await prisma.report.findFirst({
    where: {
      programId: demo.programId,
      release: { version: demo.currentVersion },
      source: 'customer',
      status: { in: ['synced', 'triaged'] },
      duplicateOfId: null,
      issueNumber: { not: null },
      reporterId: { not: customer.id },
      finders: { none: { userId: customer.id } },
    },
    orderBy: { id: 'asc' },
    select: { id: true, issueNumber: true, issueLabels: true, release: { select: { build: true } } },
  });
  if (!bug?.issueNumber) return;
  await addMeToo({
    prisma,
    user: customer,
    reportId: bug.id,
    note: 'Same here, every morning after the first sync.',
    environment: { ...environments[0], build: bug.release.build },
    attachmentIds: [],
  });
  const build = `${bug.release.build}-hotfix1`;
  await control.updateIssue(demo.repo, bug.issueNumber, {
    login: demo.engineers[0] ?? 'devon-eng',
    labels: [...bug.issueLabels, `fixed in: ${build}`],
    state: 'closed',
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const asked = await prisma.verification.count({ where: { reportId: bug.id, userId: customer.id } });
    if (asked) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

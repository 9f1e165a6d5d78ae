import type { PrismaClient } from '../../api/generated/prisma/client.ts';
import { uuid7 } from '../../api/lib/uuid7.ts';
import { requestRescue } from '../../api/rescue/request-rescue.ts';
import type { GithubEmulator } from '../github-emulator/start-github-emulator.ts';
import { environments } from './demo-data.ts';
import type { DemoProgram } from './seed-demo-program.ts';

type Control = GithubEmulator['control'];

const hour = 3_600_000;
const notes = [
  'Happens every time I export the quarterly report; we lose the footer on every page.',
  'Same here on the release build. Our auditors need that footer, so we print from the old version.',
  'Reproduced on a clean profile too. It started with this release.',
  'Still happening for me after the last update.',
  'Yes, and it also drops the page numbers when the document has sections.',
  'Seen on two machines in our team.',
];

/**
 * The Rescue list, shown once: engineering closes two customers' bugs of the release in testing as
 * not planned, three other customers say "me too" to each within the last days, and the program
 * lead sends the first back to engineering (one comment with the evidence and the rescue label,
 * through the sync). The second stays on the list for the lead to try. The "me too"s are written
 * straight into the database, as the seed writes its reports.
 */
export async function rescueDemo(prisma: PrismaClient, control: Control, demo: DemoProgram) {
  const release = await prisma.release.findFirstOrThrow({
    where: { programId: demo.programId, version: demo.currentVersion },
    select: { id: true, build: true },
  });
  const chosen = await prisma.report.findMany({
    where: {
      releaseId: release.id,
      source: 'customer',
      duplicateOfId: null,
      // Open, and not a priority bug (the demo program's threshold is P1).
      status: { in: ['synced', 'triaged'] },
      OR: [{ priority: null }, { priority: { in: ['P2', 'P3'] } }],
      issueNumber: { not: null },
      reporterId: { not: null },
      duplicates: { none: {} },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 2,
    select: { id: true, issueNumber: true, reporterId: true },
  });
  if (chosen.length < 2) return { sent: 0, listed: 0 };
  const engineer = demo.engineers[0] ?? 'octo-engineer';
  for (const report of chosen) {
    await control.comment(demo.repo, report.issueNumber as number, {
      login: engineer,
      body: 'Works as designed for now; not planned for this release.',
    });
    await control.updateIssue(demo.repo, report.issueNumber as number, {
      login: engineer,
      state: 'closed',
      state_reason: 'not_planned',
    });
  }
  await waitFor('the issues closed as not planned', async () => {
    const closed = await prisma.report.count({
      where: { id: { in: chosen.map((report) => report.id) }, status: 'not_planned' },
    });
    return closed === chosen.length;
  });

  const reporters = new Set(chosen.map((report) => report.reporterId));
  const customers = await prisma.enrolment.findMany({
    where: { releaseId: release.id, status: 'active', userId: { not: null } },
    orderBy: { email: 'asc' },
    take: 8,
    select: { userId: true },
  });
  const others = customers.map((entry) => entry.userId as string).filter((id) => !reporters.has(id));
  const now = Date.now();
  for (const [reportIndex, report] of chosen.entries()) {
    for (let n = 0; n < 3; n += 1) {
      const userId = others[reportIndex * 3 + n];
      if (!userId) continue;
      const at = new Date(now - (reportIndex * 3 + n + 1) * 20 * hour);
      const environment = { ...environments[(reportIndex + n) % environments.length], build: release.build };
      await prisma.reportFinder.create({
        data: {
          id: uuid7(at.getTime()),
          reportId: report.id,
          userId,
          source: 'customer',
          note: notes[(reportIndex * 3 + n) % notes.length] ?? '',
          environment,
          createdAt: at,
        },
        select: { id: true },
      });
      await prisma.reportEvent.create({
        data: { reportId: report.id, kind: 'me_too', actorId: userId, data: { source: 'customer' }, createdAt: at },
        select: { id: true },
      });
    }
  }

  const lead = await prisma.user.findUniqueOrThrow({
    where: { email: demo.admin.email },
    select: { id: true, email: true, name: true, role: true },
  });
  const sent = chosen[0]!;
  await requestRescue({ prisma, user: lead, reportId: sent.id });
  await waitFor('the rescue comment and label', async () => {
    const open = await prisma.syncJob.count({ where: { reportId: sent.id, status: { not: 'done' } } });
    return open === 0;
  });
  return { sent: 1, listed: chosen.length - 1 };
}

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`The demo gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

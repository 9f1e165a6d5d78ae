import type { Prisma } from '../generated/prisma/client.ts';
import { listReportFinders } from '../lib/report-finders.ts';

type Tx = Prisma.TransactionClient;

/**
 * Asks everyone who found a bug just closed as fixed whether the fix works for them: the reporter,
 * the co-finders, and the finders of reports closed as its duplicates, each once per fix (a report
 * reopened and fixed again starts a new round). Staff who filed or joined a report are asked too:
 * the dashboard compares customers' and internal testers' answers. Nobody is asked once the
 * release has shipped (the requests would expire at once), nor through a disabled account.
 * Returns the ids of the people asked.
 */
export async function requestVerifications(
  tx: Tx,
  options: { reportId: string; build: string | null },
): Promise<{ asked: string[]; build: string; round: number }> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: options.reportId },
    select: { id: true, release: { select: { build: true, status: true } } },
  });
  const build = options.build ?? report.release.build;
  const last = await tx.verification.aggregate({ where: { reportId: report.id }, _max: { round: true } });
  const round = (last._max.round ?? 0) + 1;
  if (report.release.status === 'shipped') return { asked: [], build, round };

  const people = await listReportFinders(tx, { reportId: report.id, duplicates: true });
  if (people.length === 0) return { asked: [], build, round };
  await tx.verification.createMany({
    data: people.map((person) => ({
      reportId: report.id,
      userId: person.user.id,
      round,
      role: person.role,
      source: person.source,
      build,
    })),
    skipDuplicates: true,
  });
  return { asked: people.map((person) => person.user.id), build, round };
}

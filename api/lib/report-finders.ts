import type { Prisma } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

export type FinderRole = 'reporter' | 'co-finder' | 'duplicate';

/** One person who found a bug, once, by the first way they found it. */
export type ReportFinderPerson = {
  user: { id: string; email: string; name: string; role: string };
  role: FinderRole;
  source: 'customer' | 'internal';
  /** The report they found it through: the report itself, or the duplicate they filed or joined. */
  report: { id: string; title: string };
};

const personSelect = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

/**
 * Everyone who found the bug, each once: the reporter, the co-finders and, with `duplicates`, the
 * reporters and co-finders of reports closed as its duplicates. Disabled accounts and issues opened
 * on GitHub by people without an account are not among them. Notices and verification requests go
 * to the same people, so they are found in one place.
 */
export async function listReportFinders(
  tx: Tx,
  options: { reportId: string; duplicates: boolean },
): Promise<ReportFinderPerson[]> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: options.reportId },
    select: {
      id: true,
      title: true,
      source: true,
      reporter: { select: personSelect },
      finders: { select: { source: true, user: { select: personSelect } } },
      duplicates: {
        where: options.duplicates ? {} : { id: { in: [] } },
        select: {
          id: true,
          title: true,
          source: true,
          reporter: { select: personSelect },
          finders: { select: { source: true, user: { select: personSelect } } },
        },
      },
    },
  });
  const people = new Map<string, ReportFinderPerson>();
  const add = (
    user: { id: string; email: string; name: string; role: string; disabledAt: Date | null } | null,
    role: FinderRole,
    source: 'customer' | 'internal',
    about: { id: string; title: string },
  ) => {
    if (!user || user.disabledAt || people.has(user.id)) return;
    const { disabledAt: _disabled, ...person } = user;
    people.set(user.id, { user: person, role, source, report: { id: about.id, title: about.title } });
  };
  add(report.reporter, 'reporter', report.source, report);
  for (const finder of report.finders) add(finder.user, 'co-finder', finder.source, report);
  for (const duplicate of report.duplicates) {
    add(duplicate.reporter, 'duplicate', duplicate.source, duplicate);
    for (const finder of duplicate.finders) add(finder.user, 'duplicate', finder.source, duplicate);
  }
  return [...people.values()];
}

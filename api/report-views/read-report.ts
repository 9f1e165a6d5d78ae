import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertReportVisible } from '../lib/report-access.ts';
import { personSelect, toPerson } from './report-person.ts';
import type { ReportDetail } from './report-views.schemas.ts';

const asStrings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value && typeof value === 'object' ? value : {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

/** The report page: the report, its co-finders, and one timeline of events and comments. */
export async function readReport(options: {
  prisma: PrismaClient;
  user: SessionUser;
  id: string;
}): Promise<ReportDetail> {
  const { prisma, user, id } = options;
  const access = await assertReportVisible(prisma, user, id);
  const staff = access.view === 'staff';
  const report = await prisma.report.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      programId: true,
      releaseId: true,
      title: true,
      steps: true,
      expected: true,
      actual: true,
      severity: true,
      component: true,
      environment: true,
      source: true,
      status: true,
      priority: true,
      createdAt: true,
      reporterLogin: true,
      issueRepo: true,
      issueNumber: true,
      issueUrl: true,
      program: { select: { name: true } },
      release: { select: { version: true } },
      reporter: { select: personSelect },
      attachments: {
        select: { id: true, fileName: true, contentType: true, size: true },
        orderBy: { createdAt: 'asc' },
      },
      finders: {
        select: { note: true, environment: true, createdAt: true, user: { select: personSelect } },
        orderBy: { createdAt: 'asc' },
      },
      events: {
        select: { id: true, kind: true, data: true, createdAt: true, actorId: true },
        orderBy: { createdAt: 'asc' },
      },
      comments: {
        where: staff ? {} : { visibility: 'public' },
        select: {
          id: true,
          visibility: true,
          body: true,
          createdAt: true,
          authorLogin: true,
          author: { select: personSelect },
        },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
  const actorIds = [
    ...new Set(report.events.map((event) => event.actorId).filter((actor): actor is string => !!actor)),
  ];
  const actors = new Map(
    (await prisma.user.findMany({ where: { id: { in: actorIds } }, select: personSelect })).map((actor) => [
      actor.id,
      actor,
    ]),
  );
  const yourRole =
    report.reporter?.id === user.id
      ? 'reporter'
      : report.finders.some((finder) => finder.user.id === user.id)
        ? 'co-finder'
        : null;

  const timeline = [
    // A comment written on GitHub is on the timeline as itself; its event only records its arrival.
    ...report.events
      .filter((event) => event.kind !== 'comment')
      .map((event) => ({
        id: event.id,
        kind: event.kind,
        at: event.createdAt,
        actor: event.actorId ? toPerson(actors.get(event.actorId) ?? null, user) : null,
        text: null,
        data: (event.data && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>,
      })),
    ...report.comments.map((comment) => ({
      id: comment.id,
      kind: comment.visibility === 'team' ? 'note' : 'comment',
      at: comment.createdAt,
      actor: toPerson(comment.author, user, comment.authorLogin),
      text: comment.body,
      data: {},
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));

  return {
    id: report.id,
    programId: report.programId,
    programName: report.program.name,
    releaseId: report.releaseId,
    releaseVersion: report.release.version,
    title: report.title,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    severity: report.severity,
    component: report.component,
    // A co-finder reads the bug, not the reporter's machine.
    environment: staff || yourRole === 'reporter' ? asStrings(report.environment) : {},
    source: report.source,
    status: report.status,
    priority: report.priority,
    createdAt: report.createdAt.toISOString(),
    issue:
      staff && report.issueRepo && report.issueNumber && report.issueUrl
        ? { repo: report.issueRepo, number: report.issueNumber, url: report.issueUrl }
        : null,
    reporter: toPerson(report.reporter, user, report.reporterLogin),
    yourRole,
    attachments: report.attachments,
    coFinders: report.finders.map((finder) => {
      const own = finder.user.id === user.id;
      return {
        person: toPerson(finder.user, user),
        note: staff || own ? finder.note : null,
        environment: staff || own ? asStrings(finder.environment) : null,
        createdAt: finder.createdAt.toISOString(),
      };
    }),
    timeline: timeline.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
  };
}

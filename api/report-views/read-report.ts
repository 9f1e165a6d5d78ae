import type { PrismaClient, ReportStatus } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertReportVisible, type ReportAccess } from '../lib/report-access.ts';
import { attachmentSummarySelect, reportSelect } from '../lib/report-view.ts';
import { type PersonRow, personSelect, toPerson } from './report-person.ts';
import type { ReportPage } from './report-views.schemas.ts';
import { toTimeline } from './timeline-view.ts';

const asStrings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value && typeof value === 'object' ? value : {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

// Files say whether they were removed (retention period, or their uploader's erasure): the record
// stays so the page can say so.
const listedFiles = { select: { ...attachmentSummarySelect, purgedAt: true }, orderBy: { createdAt: 'asc' } } as const;
const listed = <T extends { purgedAt: Date | null }>(rows: T[]) =>
  rows.map(({ purgedAt, ...row }) => (purgedAt ? { ...row, removed: true } : row));

/**
 * The report page as the caller may read it: staff and the reporter read the report in full; a
 * co-finder reads its public summary and their own "me too" entry (lib/report-access.ts). The
 * timeline comes from one mapper (timeline-view.ts) for every reader.
 */
export async function readReport(options: {
  prisma: PrismaClient;
  user: SessionUser;
  id: string;
}): Promise<ReportPage> {
  const { prisma, user, id } = options;
  const access = await assertReportVisible(prisma, user, id);
  const staff = access.view === 'staff';
  const report = await prisma.report.findUniqueOrThrow({
    where: { id },
    select: {
      ...reportSelect,
      reporterLogin: true,
      issueRepo: true,
      issueNumber: true,
      issueUrl: true,
      issueLabels: true,
      program: { select: { name: true, needsInfoLabels: true, syncState: { select: { repoProblem: true } } } },
      duplicateOf: {
        select: { id: true, title: true, status: true, priority: true, fixedAt: true, duplicateOfId: true },
      },
      release: { select: { version: true } },
      reporter: { select: personSelect },
      attachments: { where: { finderId: null }, ...listedFiles },
      _count: { select: { finders: true } },
      // Staff read every entry; a co-finder only their own; the reporter none (meTooCount says how many).
      finders: {
        where: staff ? {} : { id: access.view === 'co-finder' ? access.finderId : { in: [] } },
        select: {
          id: true,
          note: true,
          environment: true,
          createdAt: true,
          user: { select: personSelect },
          attachments: listedFiles,
        },
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
          finderId: true,
          purpose: true,
          author: { select: personSelect },
          attachments: listedFiles,
        },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
  const actorIds = [...new Set(report.events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const actors = new Map<string, PersonRow>(
    (await prisma.user.findMany({ where: { id: { in: actorIds } }, select: personSelect })).map((actor) => [
      actor.id,
      actor,
    ]),
  );
  const comments = report.comments.map((comment) => ({ ...comment, attachments: listed(comment.attachments) }));
  const timeline = toTimeline({ viewer: user, access, events: report.events, comments, actors });
  const summary = {
    id: report.id,
    programId: report.programId,
    programName: report.program.name,
    releaseId: report.releaseId,
    releaseVersion: report.release.version,
    title: report.title,
    status: report.status,
    priority: report.priority,
    createdAt: report.createdAt.toISOString(),
    meTooCount: report._count.finders,
    needsInfo: report.status === 'needs_info' ? needsInfoOf(report, access, staff) : null,
    waitingForGithub: waitingForGithub(report.status, report.program.syncState?.repoProblem ?? null, staff),
    duplicateOf: report.duplicateOf ? await canonicalSummary(prisma, report.duplicateOf, staff) : null,
  };

  if (access.view === 'co-finder') {
    const entry = report.finders[0]!;
    return {
      view: 'co-finder',
      ...summary,
      yourRole: 'co-finder',
      yourEntry: {
        id: entry.id,
        note: entry.note,
        environment: asStrings(entry.environment),
        attachments: listed(entry.attachments),
        createdAt: entry.createdAt.toISOString(),
      },
      timeline,
    };
  }
  return {
    view: 'full',
    ...summary,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    severity: report.severity,
    component: report.component,
    environment: asStrings(report.environment),
    source: report.source,
    issue:
      staff && report.issueRepo && report.issueNumber && report.issueUrl
        ? { repo: report.issueRepo, number: report.issueNumber, url: report.issueUrl }
        : null,
    reporter: toPerson(report.reporter, user, report.reporterLogin),
    yourRole: access.view === 'reporter' ? 'reporter' : null,
    attachments: listed(report.attachments),
    coFinders: report.finders.map((finder) => ({
      id: finder.id,
      person: toPerson(finder.user, user),
      note: finder.note,
      environment: asStrings(finder.environment),
      attachments: listed(finder.attachments),
      createdAt: finder.createdAt.toISOString(),
    })),
    timeline,
  };
}

type ReadComment = {
  visibility: string;
  authorLogin: string | null;
  finderId: string | null;
  purpose: string;
  body: string;
  createdAt: Date;
  author: { id: string } | null;
};

/**
 * What engineering asked, and whether the reader has answered since: the newest comment from
 * GitHub on the report's own thread is the question (for a customer it is engineering asking, no
 * login), and an answer is the reader's own comment marked as one, written after that question.
 */
function needsInfoOf(
  report: { comments: ReadComment[]; events: { kind: string; data: unknown; createdAt: Date }[] },
  access: ReportAccess,
  staff: boolean,
): ReportPage['needsInfo'] {
  const askedAt =
    report.events
      .filter((event) => event.kind === 'status_changed' && (event.data as { to?: unknown })?.to === 'needs_info')
      .at(-1)?.createdAt ?? null;
  const question = report.comments
    // The rule applyIssueState quotes in the needs-info e-mail: a passer-by's team note is no question.
    .filter((comment) => comment.visibility === 'public' && comment.authorLogin !== null && comment.finderId === null)
    .at(-1);
  const since = question?.createdAt ?? askedAt;
  const thread = access.view === 'co-finder' ? access.finderId : null;
  const answer = report.comments
    .filter(
      (comment) =>
        comment.purpose === 'answer' &&
        (staff || comment.finderId === thread) &&
        (!since || comment.createdAt >= since),
    )
    .at(-1);
  return {
    askedAt: askedAt?.toISOString() ?? null,
    question: question
      ? {
          author: staff ? (question.authorLogin ?? 'Engineering') : 'Engineering',
          body: question.body,
          at: question.createdAt.toISOString(),
        }
      : null,
    answeredAt: answer ? answer.createdAt.toISOString() : null,
  };
}

/**
 * The report a duplicate follows, as anyone who found the bug may know it: its public summary
 * (title, status, priority, fixed or not), never its text. A canonical that is itself a duplicate
 * is followed to the end of the chain. Customers get no id (another customer's report is not
 * theirs to open); staff get it to open the canonical.
 */
async function canonicalSummary(
  prisma: PrismaClient,
  first: {
    id: string;
    title: string;
    status: ReportStatus;
    priority: string | null;
    fixedAt: Date | null;
    duplicateOfId: string | null;
  },
  staff: boolean,
): Promise<ReportPage['duplicateOf']> {
  let canonical = first;
  const seen = new Set([canonical.id]);
  while (canonical.duplicateOfId && !seen.has(canonical.duplicateOfId)) {
    const next = await prisma.report.findUnique({
      where: { id: canonical.duplicateOfId },
      select: { id: true, title: true, status: true, priority: true, fixedAt: true, duplicateOfId: true },
    });
    if (!next) break;
    seen.add(next.id);
    canonical = next;
  }
  return {
    id: staff ? canonical.id : null,
    title: canonical.title,
    status: canonical.status,
    priority: canonical.priority,
    fixed: canonical.status === 'fixed',
    fixedAt: canonical.fixedAt?.toISOString() ?? null,
  };
}

/** Why a report not yet on GitHub waits there: the repository check's problem for staff, plain words for customers. */
function waitingForGithub(status: string, problem: string | null, staff: boolean): string | null {
  if (status !== 'new' || !problem) return null;
  return staff
    ? `Waiting for GitHub: ${problem}`
    : 'Saved. It reaches engineering as soon as the connection to GitHub is back; you need not file it again.';
}

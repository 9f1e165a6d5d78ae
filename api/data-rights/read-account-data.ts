import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { enrolmentFieldsSelect } from '../lib/enrolment-fields.ts';
import { filedReportSelect } from '../lib/report-view.ts';
import { verificationFieldsSelect } from '../lib/verification-fields.ts';

/** One file of the archive: the person's own upload, by its record. */
export type ArchiveFile = { id: string; sha256: string; fileName: string; path: string; purged: boolean };

export type AccountData = { data: Record<string, unknown>; files: ArchiveFile[] };

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** A file's place in the archive: its id keeps names unique, and nothing in the name can climb out. */
function archivePath(id: string, fileName: string): string {
  const safe = fileName.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').slice(0, 120) || 'file';
  return `files/${id}-${safe}`;
}

/**
 * Everything Fieldtest holds about one person, theirs alone: account, profile, enrolments, terms
 * accepted, the reports they filed in full, their "me too" entries with only the public summary of
 * the report (never another customer's words), their own comments and answers, their fix
 * verification answers, notice preferences, their draft and the records of the files they uploaded.
 * Staff's and other customers' words are left out, as is anything the person cannot read in the
 * portal (GitHub issue numbers, team notes).
 */
export async function readAccountData(options: {
  prisma: PrismaClient;
  userId: string;
  /** Only customers' accounts (an admin exporting for an MVP). */
  mvpOnly?: boolean;
}): Promise<AccountData> {
  const { prisma, userId } = options;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      disabledAt: true,
      erasedAt: true,
      mvpProfile: {
        select: {
          company: true,
          handle: true,
          githubLogin: true,
          showOnLeaderboard: true,
          platforms: true,
          devices: true,
          updatedAt: true,
        },
      },
    },
  });
  if (!user || (options.mvpOnly && user.role !== 'mvp')) throw new AppError('not_found', { detail: 'No such MVP.' });

  const releaseSelect = { version: true, build: true, program: { select: { name: true } } } as const;
  const [enrolments, terms, reports, entries, comments, verifications, preferences, notices, draft, attachments] =
    await Promise.all([
      prisma.enrolment.findMany({
        where: { userId },
        orderBy: { createdAt: 'asc' },
        select: {
          ...enrolmentFieldsSelect,
          release: { select: releaseSelect },
        },
      }),
      prisma.termsAcceptance.findMany({
        where: { userId },
        orderBy: { acceptedAt: 'asc' },
        select: {
          version: true,
          textHash: true,
          acceptedAt: true,
          ip: true,
          program: { select: { name: true } },
          terms: { select: { text: true } },
        },
      }),
      prisma.report.findMany({
        where: { reporterId: userId },
        orderBy: { createdAt: 'asc' },
        select: {
          ...filedReportSelect,
          release: { select: releaseSelect },
          _count: { select: { finders: true } },
        },
      }),
      prisma.reportFinder.findMany({
        where: { userId },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          note: true,
          environment: true,
          source: true,
          createdAt: true,
          // The public summary, as a co-finder reads it on the report page.
          report: {
            select: {
              id: true,
              title: true,
              status: true,
              priority: true,
              createdAt: true,
              release: { select: releaseSelect },
              _count: { select: { finders: true } },
            },
          },
        },
      }),
      prisma.reportComment.findMany({
        where: { authorId: userId },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          reportId: true,
          finderId: true,
          visibility: true,
          purpose: true,
          body: true,
          createdAt: true,
          updatedAt: true,
        },
      }),
      prisma.verification.findMany({
        where: { userId },
        orderBy: { requestedAt: 'asc' },
        select: verificationFieldsSelect,
      }),
      prisma.noticePreference.findMany({
        where: { userId },
        orderBy: { kind: 'asc' },
        select: { kind: true, delivery: true },
      }),
      prisma.pendingNotice.findMany({
        where: { userId },
        orderBy: { createdAt: 'asc' },
        select: { kind: true, summary: true, url: true, createdAt: true, digestedAt: true },
      }),
      prisma.reportDraft.findUnique({ where: { userId }, select: { data: true, updatedAt: true } }),
      prisma.attachment.findMany({
        where: { uploaderId: userId },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          sha256: true,
          fileName: true,
          contentType: true,
          size: true,
          createdAt: true,
          purgedAt: true,
          reportId: true,
          finderId: true,
          commentId: true,
          verificationId: true,
        },
      }),
    ]);

  // Ids of reports the person may name: their own and those they said "me too" to. A verification
  // about a report theirs was closed into names that report only by what they can read.
  const known = new Set([...reports.map((report) => report.id), ...entries.map((entry) => entry.report.id)]);
  const release = (row: { version: string; build: string; program: { name: string } }) => ({
    program: row.program.name,
    version: row.version,
    build: row.build,
  });
  const files: ArchiveFile[] = attachments.map((row) => ({
    id: row.id,
    sha256: row.sha256,
    fileName: row.fileName,
    path: archivePath(row.id, row.fileName),
    purged: row.purgedAt !== null,
  }));
  const pathOf = new Map(files.map((file) => [file.id, file]));

  const data = {
    format: 'fieldtest-export/1',
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      createdAt: iso(user.createdAt),
      disabledAt: iso(user.disabledAt),
      erasedAt: iso(user.erasedAt),
    },
    profile: user.mvpProfile ? { ...user.mvpProfile, updatedAt: iso(user.mvpProfile.updatedAt) } : null,
    enrolments: enrolments.map(({ release: rel, ...row }) => ({
      release: release(rel),
      ...row,
      createdAt: iso(row.createdAt),
      activatedAt: iso(row.activatedAt),
      decidedAt: iso(row.decidedAt),
      endedAt: iso(row.endedAt),
    })),
    termsAccepted: terms.map((row) => ({
      program: row.program.name,
      version: row.version,
      textHash: row.textHash,
      text: row.terms.text,
      acceptedAt: iso(row.acceptedAt),
      ip: row.ip,
    })),
    reports: reports.map(({ release: rel, _count, ...row }) => ({
      ...row,
      release: release(rel),
      meTooCount: _count.finders,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    })),
    meToo: entries.map((entry) => ({
      id: entry.id,
      note: entry.note,
      environment: entry.environment,
      source: entry.source,
      createdAt: iso(entry.createdAt),
      report: {
        id: entry.report.id,
        title: entry.report.title,
        status: entry.report.status,
        priority: entry.report.priority,
        release: release(entry.report.release),
        reportedAt: iso(entry.report.createdAt),
        meTooCount: entry.report._count.finders,
      },
    })),
    comments: comments.map((row) => ({
      ...row,
      reportId: known.has(row.reportId) ? row.reportId : null,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    })),
    verificationAnswers: verifications.map((row) => ({
      ...row,
      reportId: known.has(row.reportId) ? row.reportId : null,
      requestedAt: iso(row.requestedAt),
      answeredAt: iso(row.answeredAt),
    })),
    noticePreferences: preferences,
    pendingNotices: notices.map((row) => ({ ...row, createdAt: iso(row.createdAt), digestedAt: iso(row.digestedAt) })),
    reportDraft: draft ? { data: draft.data, updatedAt: iso(draft.updatedAt) } : null,
    attachments: attachments.map((row) => ({
      id: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      size: row.size,
      sha256: row.sha256,
      createdAt: iso(row.createdAt),
      reportId: row.reportId && known.has(row.reportId) ? row.reportId : null,
      meTooId: row.finderId,
      commentId: row.commentId,
      verification: row.verificationId !== null,
      purgedAt: iso(row.purgedAt),
      archivePath: row.purgedAt ? null : pathOf.get(row.id)!.path,
    })),
  };
  return { data, files };
}

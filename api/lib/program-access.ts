import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from './app-context.ts';
import { AppError } from './app-error.ts';

type Db = PrismaClient | Prisma.TransactionClient;

// Staff work per program: admins work on every program; engineers and internal testers on the
// programs they are members of (ProgramMember), and a member marked lead also manages that program
// (releases, cohort, settings, terms, members). Anything of a program a staff member is not in
// answers 404, as for one that does not exist, so that membership leaks nothing. MVPs reach
// programs through their enrolments instead (release-access.ts). This file is the one place
// that decides staff access to a program; the other access helpers call it.

/** What the caller needs to be: a member works on the program, a lead also manages it. */
export type ProgramNeed = 'member' | 'lead';

/** Program ids a staff member works on; null for admins, who work on every program; none for MVPs. */
export async function staffProgramIds(db: Db, user: SessionUser): Promise<string[] | null> {
  if (user.role === 'admin') return null;
  if (user.role === 'mvp') return [];
  const rows = await db.programMember.findMany({ where: { userId: user.id }, select: { programId: true } });
  return rows.map((row) => row.programId);
}

/** Program ids the user leads as a member (an admin manages every program without being a lead). */
export async function ledProgramIds(db: Db, user: SessionUser): Promise<string[]> {
  if (user.role !== 'engineer' && user.role !== 'internal_tester') return [];
  const rows = await db.programMember.findMany({
    where: { userId: user.id, lead: true },
    select: { programId: true },
    orderBy: { programId: 'asc' },
  });
  return rows.map((row) => row.programId);
}

/**
 * Throws unless the staff member may work on the program: 404 (with `notFound` as detail) for anyone but
 * an admin or a member, 403 when `need` is `lead` and the member does not lead it. Whether the
 * program exists is the caller's business (an admin passes either way).
 */
export async function assertProgramAccess(
  db: Db,
  user: SessionUser,
  programId: string,
  need: ProgramNeed = 'member',
  notFound = 'No such program.',
): Promise<void> {
  if (user.role === 'admin') return;
  const noSuch = new AppError('not_found', { detail: notFound });
  if (user.role === 'mvp') throw noSuch;
  const member = await db.programMember.findUnique({
    where: { programId_userId: { programId, userId: user.id } },
    select: { lead: true },
  });
  if (!member) throw noSuch;
  if (need === 'lead' && !member.lead) {
    throw new AppError('forbidden', { detail: "Only an admin or this program's lead may do this." });
  }
}

/** assertProgramAccess for a program that must exist (404 otherwise, for admins too). */
export async function assertProgramExistsForStaff(
  db: Db,
  user: SessionUser,
  programId: string,
  need: ProgramNeed = 'member',
): Promise<void> {
  const program = await db.program.findUnique({ where: { id: programId }, select: { id: true } });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  await assertProgramAccess(db, user, programId, need);
}

/** assertProgramAccess for the program of a release; 404 for no such release. */
export async function assertReleaseAccess(
  db: Db,
  user: SessionUser,
  releaseId: string,
  need: ProgramNeed = 'member',
): Promise<{ programId: string }> {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { programId: true } });
  if (!release) throw new AppError('not_found', { detail: 'No such release.' });
  await assertProgramAccess(db, user, release.programId, need, 'No such release.');
  return release;
}

/** assertProgramAccess for the program of an enrolment (a cohort entry); 404 for no such enrolment. */
export async function assertEnrolmentAccess(
  db: Db,
  user: SessionUser,
  enrolmentId: string,
  need: ProgramNeed = 'member',
): Promise<void> {
  const enrolment = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { release: { select: { programId: true } } },
  });
  if (!enrolment) throw new AppError('not_found', { detail: 'No such enrolment.' });
  await assertProgramAccess(db, user, enrolment.release.programId, need, 'No such enrolment.');
}

/** assertProgramAccess for the program of a report (staff routes; MVPs go through report-access.ts). */
export async function assertReportProgramAccess(
  db: Db,
  user: SessionUser,
  reportId: string,
  need: ProgramNeed = 'member',
): Promise<{ programId: string }> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { programId: true } });
  if (!report) throw new AppError('not_found', { detail: 'No such report.' });
  await assertProgramAccess(db, user, report.programId, need, 'No such report.');
  return report;
}

/** assertProgramAccess for the program of a sync job; a job that does not exist is the caller's to report. */
export async function assertSyncJobAccess(db: Db, user: SessionUser, jobId: string): Promise<void> {
  const job = await db.syncJob.findUnique({ where: { id: jobId }, select: { programId: true } });
  if (job) await assertProgramAccess(db, user, job.programId, 'member', 'No such sync job.');
}

/**
 * Throws unless the staff member may act for an MVP on their data rights (their archive, their
 * erasure): admins may; a program lead may when every program the customer takes part in (enrolled,
 * accepted terms or filed) is one they lead, since the archive and the erasure span them all. 404
 * when the caller works on none of those programs (or there is no such MVP), 403 for a member who
 * does not lead them all.
 */
export async function assertMvpAccountAccess(db: Db, user: SessionUser, mvpId: string): Promise<void> {
  if (user.role === 'admin') return;
  const noSuch = new AppError('not_found', { detail: 'No such MVP.' });
  if (user.role === 'mvp') throw noSuch;
  const [enrolments, terms, reports, memberships] = await Promise.all([
    db.enrolment.findMany({ where: { userId: mvpId }, select: { release: { select: { programId: true } } } }),
    db.termsAcceptance.findMany({ where: { userId: mvpId }, select: { programId: true } }),
    db.report.findMany({ where: { reporterId: mvpId }, select: { programId: true }, distinct: ['programId'] }),
    db.programMember.findMany({ where: { userId: user.id }, select: { programId: true, lead: true } }),
  ]);
  const programs = new Set([
    ...enrolments.map((row) => row.release.programId),
    ...terms.map((row) => row.programId),
    ...reports.map((row) => row.programId),
  ]);
  const member = new Map(memberships.map((row) => [row.programId, row.lead]));
  if (![...programs].some((id) => member.has(id))) throw noSuch;
  const led = [...programs].filter((id) => member.get(id) === true);
  if (led.length === 0) throw new AppError('forbidden', { detail: "Only an admin or the program's lead may do this." });
  if (led.length < programs.size) {
    throw new AppError('forbidden', {
      detail:
        'This customer also takes part in a program you do not lead, and their archive and erasure span ' +
        'every program: an admin answers their request.',
    });
  }
}

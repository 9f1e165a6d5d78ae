import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from './app-context.ts';
import { AppError } from './app-error.ts';
import { assertProgramAccess, staffProgramIds } from './program-access.ts';

type Db = PrismaClient | Prisma.TransactionClient;

// What an MVP may see: programs and releases they are (or were, until it shipped) enrolled in.
// Everything else answers 404, so that no MVP learns another program or customer exists. Staff
// see the programs they work on (program-access.ts): every program for admins.
export const visibleEnrolmentStatuses = ['active', 'completed'] as const;

/** Release ids an MVP is enrolled in, or of the programs a staff member works on; null for admins. */
export async function visibleReleaseIds(db: Db, user: SessionUser): Promise<string[] | null> {
  if (user.role !== 'mvp') {
    const programs = await staffProgramIds(db, user);
    if (programs === null) return null;
    const rows = await db.release.findMany({ where: { programId: { in: programs } }, select: { id: true } });
    return rows.map((row) => row.id);
  }
  const rows = await db.enrolment.findMany({
    where: { userId: user.id, status: { in: [...visibleEnrolmentStatuses] } },
    select: { releaseId: true },
  });
  return rows.map((row) => row.releaseId);
}

/** Program ids an MVP is enrolled in, or a staff member works on; null for admins. */
export async function visibleProgramIds(db: Db, user: SessionUser): Promise<string[] | null> {
  if (user.role !== 'mvp') return staffProgramIds(db, user);
  const rows = await db.enrolment.findMany({
    where: { userId: user.id, status: { in: [...visibleEnrolmentStatuses] } },
    select: { release: { select: { programId: true } } },
    distinct: ['releaseId'],
  });
  return [...new Set(rows.map((row) => row.release.programId))];
}

/** The MVP's enrolment in the release that lets them see it (active or completed), or null. */
export function findVisibleEnrolment(db: Db, userId: string, releaseId: string) {
  return db.enrolment.findFirst({
    where: { userId, releaseId, status: { in: [...visibleEnrolmentStatuses] } },
    select: { status: true },
  });
}

/**
 * Throws 404 unless the user may see the release (staff: work on its program); for an MVP, also
 * 403 `terms_required` until they have accepted the program's current terms.
 */
export async function assertReleaseVisible(
  db: Db,
  user: SessionUser,
  releaseId: string,
): Promise<{ programId: string }> {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { programId: true } });
  if (!release) throw new AppError('not_found', { detail: 'No such release.' });
  if (user.role === 'mvp') {
    const enrolment = await findVisibleEnrolment(db, user.id, releaseId);
    if (!enrolment) throw new AppError('not_found', { detail: 'No such release.' });
    await assertTermsAccepted(db, user.id, release.programId);
  } else {
    await assertProgramAccess(db, user, release.programId, 'member', 'No such release.');
  }
  return release;
}

/** Throws 404 unless the user may see the program (see assertReleaseVisible). */
export async function assertProgramVisible(db: Db, user: SessionUser, programId: string): Promise<void> {
  const program = await db.program.findUnique({ where: { id: programId }, select: { id: true } });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  if (user.role === 'mvp') {
    const programs = await visibleProgramIds(db, user);
    if (!programs?.includes(programId)) throw new AppError('not_found', { detail: 'No such program.' });
    await assertTermsAccepted(db, user.id, programId);
  } else {
    await assertProgramAccess(db, user, programId);
  }
}

/** The program's current terms, or null when it has none. */
export async function currentTerms(db: Db, programId: string) {
  return db.programTerms.findFirst({
    where: { programId },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, text: true, textHash: true },
  });
}

export async function assertTermsAccepted(db: Db, userId: string, programId: string): Promise<void> {
  const terms = await currentTerms(db, programId);
  if (!terms) return;
  const accepted = await db.termsAcceptance.findUnique({
    where: { userId_termsId: { userId, termsId: terms.id } },
    select: { id: true },
  });
  if (!accepted) {
    throw new AppError('terms_required', {
      detail: `Accept version ${terms.version} of this program's terms to continue.`,
    });
  }
}

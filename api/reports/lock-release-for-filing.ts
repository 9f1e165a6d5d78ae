import type { Prisma } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertTermsAccepted, findVisibleEnrolment } from '../lib/release-access.ts';
import { lockRelease } from '../lib/row-locks.ts';
import { releaseAcceptsReports } from '../releases/release-accepts-reports.ts';

/**
 * Checks, for the rest of the transaction, that the user may file into the release now (a report
 * or a "me too"): staff into any release, an MVP into one where their enrolment is active and the
 * program's current terms are accepted; and the release takes reports (testing, inside its window).
 *
 * The release row is locked in share mode: filings run side by side, while shipping the release or
 * removing someone from its cohort (which lock it for update) waits, so neither slips in between
 * the check and the commit.
 *
 * 404 (with `notFound` as detail) for a release the user cannot see, 403 `terms_required`, and 409
 * with the reason when the release does not take reports, on `field` when given.
 */
export async function lockReleaseForFiling(
  tx: Prisma.TransactionClient,
  options: { user: SessionUser; releaseId: string; notFound: string; field?: string },
): Promise<{ programId: string; components: string[] }> {
  const { user, releaseId } = options;
  const notFound = () => new AppError('not_found', { detail: options.notFound });
  try {
    await lockRelease(tx, releaseId, 'share');
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound();
    throw error;
  }
  const release = await tx.release.findUniqueOrThrow({
    where: { id: releaseId },
    select: {
      programId: true,
      status: true,
      testStart: true,
      testEnd: true,
      program: { select: { components: true } },
    },
  });
  // The release must be visible to an MVP (lib/release-access.ts); filing also needs the
  // enrolment to be active, checked below once the window has had its say.
  const enrolment = user.role === 'mvp' ? await findVisibleEnrolment(tx, user.id, releaseId) : null;
  if (user.role === 'mvp') {
    if (!enrolment) throw notFound();
    await assertTermsAccepted(tx, user.id, release.programId);
  }
  // Before the enrolment check: an MVP whose cohort completed still sees the release, and is told it shipped.
  const window = releaseAcceptsReports(release, new Date());
  if (!window.ok)
    throw new AppError('conflict', {
      detail: window.reason,
      ...(options.field ? { fields: [{ field: options.field, message: window.reason }] } : {}),
    });
  if (enrolment && enrolment.status !== 'active') throw notFound();
  return { programId: release.programId, components: release.program.components };
}

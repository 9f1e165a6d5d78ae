import { Prisma, type ReleaseStatus } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertProgramAccess } from '../lib/program-access.ts';
import { releaseAcceptsReports } from '../lib/release-accepts-reports.ts';
import { visibleEnrolmentStatuses } from '../lib/release-access.ts';

type FilingAccessRow = {
  programId: string;
  status: ReleaseStatus;
  testStart: Date;
  testEnd: Date;
  components: string[];
  /** The MVP's enrolment that lets them see the release (active or completed), if any. */
  enrolmentStatus: string | null;
  /** The program's current terms version, and whether the user accepted it. */
  termsVersion: number | null;
  termsAccepted: boolean;
};

/**
 * Checks, for the rest of the transaction, that the user may file into the release now (a report
 * or a "me too"): staff into any release of a program they work on, an MVP into one where their enrolment is active and the
 * program's current terms are accepted; and the release takes reports (testing, inside its window).
 *
 * The release row is locked in share mode: filings run side by side, while shipping the release or
 * removing someone from its cohort (which lock it for update) waits, so neither slips in between
 * the check and the commit. Lock and facts come back in one statement, the rules that
 * lib/release-access.ts states for reading (visible enrolment, current terms) applied to its
 * answer: filing is the hot path, and each round trip costs every reporter.
 *
 * 404 (with `notFound` as detail) for a release the user cannot see, 403 `terms_required`, and 409
 * with the reason when the release does not take reports, on `field` when given.
 */
export async function lockReleaseForFiling(
  tx: Prisma.TransactionClient,
  options: { user: SessionUser; releaseId: string; notFound: string; field?: string },
): Promise<{ programId: string; components: string[] }> {
  const { user, releaseId } = options;
  const [release] = await tx.$queryRaw<FilingAccessRow[]>`
    select r."programId", r.status, r."testStart", r."testEnd", coalesce(p.components, '{}') as components,
           e.status::text as "enrolmentStatus", t.version as "termsVersion",
           (t.id is null or exists (
             select 1 from "TermsAcceptance" a where a."userId" = ${user.id}::uuid and a."termsId" = t.id
           )) as "termsAccepted"
      from "Release" r
      join "Program" p on p.id = r."programId"
      left join lateral (
        select status from "Enrolment"
         where "releaseId" = r.id and "userId" = ${user.id}::uuid and status::text in (${Prisma.join([...visibleEnrolmentStatuses])})
         limit 1
      ) e on true
      left join lateral (
        select id, version from "ProgramTerms" where "programId" = r."programId" order by version desc limit 1
      ) t on true
     where r.id = ${releaseId}::uuid
       for share of r`;
  const notFound = () => new AppError('not_found', { detail: options.notFound });
  if (!release) throw notFound();
  const mvp = user.role === 'mvp';
  // Staff file in the programs they work on (program-access.ts); elsewhere it is no such release.
  if (!mvp) await assertProgramAccess(tx, user, release.programId, 'member', options.notFound);
  if (mvp) {
    if (!release.enrolmentStatus) throw notFound();
    if (!release.termsAccepted) {
      throw new AppError('terms_required', {
        detail: `Accept version ${release.termsVersion} of this program's terms to continue.`,
      });
    }
  }
  // Before the enrolment check: an MVP whose cohort completed still sees the release, and is told it shipped.
  const window = releaseAcceptsReports(release, new Date());
  if (!window.ok)
    throw new AppError('conflict', {
      detail: window.reason,
      ...(options.field ? { fields: [{ field: options.field, message: window.reason }] } : {}),
    });
  if (mvp && release.enrolmentStatus !== 'active') throw notFound();
  return { programId: release.programId, components: release.components };
}

import type { Prisma, PrismaClient, VerificationStatus } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertReportVisible, type ReportAccess } from '../lib/report-access.ts';
import { attachmentSummarySelect } from '../lib/report-view.ts';
import { verificationFieldsSelect } from '../lib/verification-fields.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Duplicate chains are short; a longer one (or a loop) stops here. */
const maxChain = 10;

export const verificationSelect = {
  id: true,
  ...verificationFieldsSelect,
  source: true,
  attachments: { select: attachmentSummarySelect, orderBy: { createdAt: 'asc' } },
  report: { select: { release: { select: { status: true } } } },
} satisfies Prisma.VerificationSelect;

export type MyVerification = Prisma.VerificationGetPayload<{ select: typeof verificationSelect }>;

/**
 * The caller's newest request to check a fix, as seen from a report they may read: a request on
 * the report itself (they filed it or said "me too"), or on the report it was closed as a
 * duplicate of (they found the bug first under another issue: that one's fix is theirs to check).
 * Only ever the caller's own request; someone else's report is 404 as everywhere.
 */
export async function findMyVerification(
  db: Db,
  user: SessionUser,
  reportId: string,
): Promise<{ access: ReportAccess; verification: MyVerification | null }> {
  const access = await assertReportVisible(db, user, reportId);
  const chain = [reportId];
  for (let next: string | null = reportId; chain.length <= maxChain; ) {
    const row: { duplicateOfId: string | null } | null = await db.report.findUnique({
      where: { id: next },
      select: { duplicateOfId: true },
    });
    next = row?.duplicateOfId ?? null;
    if (!next || chain.includes(next)) break;
    chain.push(next);
  }
  const verification = await db.verification.findFirst({
    where: { userId: user.id, reportId: { in: chain } },
    orderBy: [{ requestedAt: 'desc' }, { round: 'desc' }, { id: 'desc' }],
    select: verificationSelect,
  });
  return { access, verification };
}

/**
 * A request still waiting when its release has shipped is expired, whatever the row says: shipping
 * expires waiting requests, and one made by a close that raced the shipping is no different.
 */
export function effectiveStatus(status: VerificationStatus, releaseStatus: string): VerificationStatus {
  return status === 'pending' && releaseStatus === 'shipped' ? 'expired' : status;
}

/** A request may be answered while it waits and its release has not shipped. */
export function isAnswerable(verification: MyVerification): boolean {
  return effectiveStatus(verification.status, verification.report.release.status) === 'pending';
}

import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { JoinLink } from './enrolment.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Applications made through the release's join link. An enrolment that came in by application keeps
 * that source for good (an approved applicant too), so this counts every application ever made.
 */
export function countApplications(db: Db, releaseId: string): Promise<number> {
  return db.enrolment.count({ where: { releaseId, source: 'application' } });
}

export async function readJoinLink(
  db: Db,
  options: {
    release: { id: string; joinToken: string | null; joinEnabled: boolean; joinCap: number | null };
    publicUrl: string;
  },
): Promise<JoinLink> {
  const { release } = options;
  return {
    url: release.joinToken ? `${options.publicUrl}/join#${release.joinToken}` : null,
    enabled: release.joinEnabled,
    cap: release.joinCap,
    applications: await countApplications(db, release.id),
  };
}

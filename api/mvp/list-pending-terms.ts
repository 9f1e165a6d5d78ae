import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import type { PendingTerms } from '../lib/pending-terms.ts';
import { readTermsStanding } from '../lib/terms-standing.ts';

/** The current terms the MVP has yet to accept, one per program they take part in. */
export async function listPendingTerms(options: { prisma: PrismaClient; user: SessionUser }): Promise<PendingTerms[]> {
  return (await readTermsStanding(options.prisma, options.user)).pending;
}

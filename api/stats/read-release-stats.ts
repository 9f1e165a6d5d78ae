import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { computeFigures } from './contribution-figures.ts';
import type { ReleaseStats } from './stats.schemas.ts';

/** A release's contribution figures, computed now from the reports as triage left them. */
export async function readReleaseStats(options: { prisma: PrismaClient; releaseId: string }): Promise<ReleaseStats> {
  const { prisma, releaseId } = options;
  const release = await prisma.release.findUnique({
    where: { id: releaseId },
    select: { version: true, program: { select: { id: true, name: true } } },
  });
  if (!release) throw new AppError('not_found', { detail: 'No such release.' });
  const { byRelease: _byRelease, ...figures } = await computeFigures(prisma, {
    programId: release.program.id,
    releaseId,
  });
  return {
    ...figures,
    programName: release.program.name,
    releaseId,
    releaseVersion: release.version,
    computedAt: new Date().toISOString(),
  };
}

import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { programReleasesSelect } from '../lib/program-releases.ts';
import { computeFigures, figuresOf } from './contribution-figures.ts';
import { readPriorityMappingChange } from './read-priority-mapping-change.ts';
import type { ProgramStats } from './stats.schemas.ts';

/** A program's figures over all its releases, and the customer share release by release. */
export async function readProgramStats(options: { prisma: PrismaClient; programId: string }): Promise<ProgramStats> {
  const { prisma, programId } = options;
  const program = await prisma.program.findUnique({
    where: { id: programId },
    select: programReleasesSelect,
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const { byRelease, ...figures } = await computeFigures(prisma, { programId, releaseId: null });
  return {
    ...figures,
    programName: program.name,
    // A release without priority clusters is still a point of the trend, with no share.
    trend: program.releases.map((release) => ({
      releaseId: release.id,
      releaseVersion: release.version,
      testStart: release.testStart.toISOString(),
      status: release.status,
      ...(byRelease.get(release.id) ?? figuresOf(0, 0, 0)),
    })),
    priorityMappingChange: await readPriorityMappingChange(prisma, programId),
    computedAt: new Date().toISOString(),
  };
}

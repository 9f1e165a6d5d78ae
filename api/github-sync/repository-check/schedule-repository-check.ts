import type { Deps } from '../../lib/app-context.ts';
import type { Logger } from '../../lib/logger.ts';
import { checkProgramRepository } from './check-program-repository.ts';

/** The settings whose change calls for a new check: where issues go, and the priority labels put on them. */
export const repositorySettings = ['githubRepo', 'priorityLabels', 'priorityLevels'] as const;

/**
 * Checks the program's repository after a save, without holding up the answer: the program page
 * shows the outcome when it comes. A failure to check is logged and shown as the check's problem.
 */
export function scheduleRepositoryCheck(deps: Deps, logger: Logger, programId: string): void {
  void checkRepositoryNow(deps, logger, programId);
}

/** The same check, awaited: when a credential changes, the answer says whether it works. */
export async function checkRepositoryNow(deps: Deps, logger: Logger, programId: string): Promise<void> {
  try {
    const github = await deps.sync.access.forProgram(programId);
    const check = await checkProgramRepository({
      prisma: deps.prisma,
      github,
      pacing: deps.env.github.pacing,
      programId,
    });
    logger.info({ programId, connected: check.connected, labelsCreated: check.labelsCreated }, 'repository checked');
  } catch (error) {
    logger.warn({ programId, err: error }, 'repository check failed');
  }
}

import type { Prisma } from '../generated/prisma/client.ts';

/**
 * A program's name and its releases in the order its figures are read release by release (oldest
 * test window first): the contribution statistics and the fix-verification statistics.
 */
export const programReleasesSelect = {
  name: true,
  releases: {
    orderBy: [{ testStart: 'asc' }, { id: 'asc' }],
    select: { id: true, version: true, testStart: true, status: true },
  },
} as const satisfies Prisma.ProgramSelect;

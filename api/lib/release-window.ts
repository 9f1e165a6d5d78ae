import type { Prisma } from '../generated/prisma/client.ts';

/** A release as everyone taking part reads it: which build, the test window, where to look, its status. */
export const releaseWindowSelect = {
  id: true,
  programId: true,
  version: true,
  build: true,
  testStart: true,
  testEnd: true,
  focusAreas: true,
  status: true,
} as const satisfies Prisma.ReleaseSelect;

import type { Prisma } from '../generated/prisma/client.ts';

/**
 * What a person gave when they joined a release's cohort and where their enrolment stands: the
 * cohort list shows it to staff, and the person's own data export carries it.
 */
export const enrolmentFieldsSelect = {
  email: true,
  name: true,
  company: true,
  status: true,
  source: true,
  jobRole: true,
  platforms: true,
  devices: true,
  motivation: true,
  createdAt: true,
  activatedAt: true,
  decidedAt: true,
  endedAt: true,
} as const satisfies Prisma.EnrolmentSelect;

import { z } from 'zod';

// Where a release stands. Releases move it forward; filing (release-accepts-reports.ts), the
// cohort and the portal read it.

export const releaseStatuses = ['planned', 'testing', 'shipped'] as const;
export const releaseStatusSchema = z
  .enum(releaseStatuses)
  .meta({ id: 'ReleaseStatus', description: 'Moves forward only: planned, testing, shipped' });

export type ReleaseStatus = z.output<typeof releaseStatusSchema>;

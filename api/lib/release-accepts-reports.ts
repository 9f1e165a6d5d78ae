import type { ReleaseStatus } from './release-status.ts';

export type ReportWindow = { ok: true } | { ok: false; reason: string };

/**
 * Whether bugs may be filed against the release now: it is in testing and inside its test window
 * (from testStart, inclusive, to testEnd, exclusive).
 */
export function releaseAcceptsReports(
  release: { status: ReleaseStatus; testStart: Date; testEnd: Date },
  now: Date,
): ReportWindow {
  if (release.status === 'shipped') return { ok: false, reason: 'This release has shipped.' };
  if (release.status !== 'testing') return { ok: false, reason: 'This release is not in testing yet.' };
  if (now < release.testStart)
    return { ok: false, reason: `The test window opens at ${release.testStart.toISOString()}.` };
  if (now >= release.testEnd)
    return { ok: false, reason: `The test window closed at ${release.testEnd.toISOString()}.` };
  return { ok: true };
}

import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { programReleasesSelect } from '../lib/program-releases.ts';
import { effectiveStatus } from './find-my-verification.ts';
import {
  type VerificationFigures,
  type VerificationGroup,
  type VerificationStats,
  verificationDefinitions,
} from './verification.schemas.ts';

type Row = {
  reportId: string;
  releaseId: string;
  source: 'customer' | 'internal';
  status: 'pending' | 'fixed' | 'still_broken' | 'expired';
  requestedAt: Date;
  answeredAt: Date | null;
};

const hourMs = 3_600_000;

/**
 * How finders checked engineering's fixes, per release and in all, by the asked person's source.
 * The one place these figures are defined (verificationDefinitions says it in words): computed on
 * every read from the requests as they stand.
 */
export async function readVerificationStats(options: {
  prisma: PrismaClient;
  programId: string;
}): Promise<VerificationStats> {
  const { prisma, programId } = options;
  const program = await prisma.program.findUnique({
    where: { id: programId },
    select: programReleasesSelect,
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const found = await prisma.verification.findMany({
    where: { report: { programId } },
    select: {
      reportId: true,
      source: true,
      status: true,
      requestedAt: true,
      answeredAt: true,
      report: { select: { releaseId: true, release: { select: { status: true } } } },
    },
  });
  const rows: Row[] = found.map((row) => ({
    reportId: row.reportId,
    releaseId: row.report.releaseId,
    source: row.source,
    status: effectiveStatus(row.status, row.report.release.status),
    requestedAt: row.requestedAt,
    answeredAt: row.answeredAt,
  }));
  return {
    programId,
    programName: program.name,
    total: groupOf(rows),
    releases: program.releases.map((release) => ({
      releaseId: release.id,
      releaseVersion: release.version,
      status: release.status,
      ...groupOf(rows.filter((row) => row.releaseId === release.id)),
    })),
    definitions: verificationDefinitions.map((definition) => ({ ...definition })),
    computedAt: new Date().toISOString(),
  };
}

function groupOf(rows: Row[]): VerificationGroup {
  const failed = (source?: Row['source']) =>
    new Set(
      rows
        .filter((row) => row.status === 'still_broken' && (!source || row.source === source))
        .map((row) => row.reportId),
    ).size;
  return {
    all: figuresOf(rows),
    customer: figuresOf(rows.filter((row) => row.source === 'customer')),
    internal: figuresOf(rows.filter((row) => row.source === 'internal')),
    fixes: new Set(rows.map((row) => row.reportId)).size,
    failedFixes: failed(),
    caughtByCustomers: failed('customer'),
  };
}

function figuresOf(rows: Row[]): VerificationFigures {
  const count = (status: Row['status']) => rows.filter((row) => row.status === status).length;
  const fixedForMe = count('fixed');
  const stillBroken = count('still_broken');
  const answered = fixedForMe + stillBroken;
  const hours = rows
    .filter((row) => (row.status === 'fixed' || row.status === 'still_broken') && row.answeredAt)
    .map((row) => (row.answeredAt!.getTime() - row.requestedAt.getTime()) / hourMs);
  return {
    requests: rows.length,
    answered,
    pending: count('pending'),
    expired: count('expired'),
    rate: rows.length ? answered / rows.length : null,
    medianHoursToVerify: median(hours),
    fixedForMe,
    stillBroken,
  };
}

/** The median with linear interpolation between the two middle values, as percentile_cont(0.5). */
function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)]!;
  const high = sorted[Math.ceil(middle)]!;
  return low + (high - low) * (middle - Math.floor(middle));
}

import type { Env } from '../../env.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { AppError } from '../../lib/app-error.ts';
import { likeLiteral } from '../../lib/like-pattern.ts';
import type { SyncHealth, SyncJobProblem } from './sync-health.schemas.ts';

const minuteMs = 60_000;
const hourMs = 3_600_000;

const jobProblemSelect = {
  id: true,
  kind: true,
  status: true,
  reportId: true,
  attempts: true,
  lastError: true,
  lastErrorAt: true,
  runAfter: true,
  firstSentAt: true,
  updatedAt: true,
  report: { select: { title: true } },
} satisfies Prisma.SyncJobSelect;

type JobProblemRow = Prisma.SyncJobGetPayload<{ select: typeof jobProblemSelect }>;

/**
 * Everything the sync health page shows for one program. The budget is per credential, not per
 * program: every program syncing with the same token shares it, so it is shown whole.
 */
export async function readSyncHealth(options: {
  prisma: PrismaClient;
  github: Env['github'];
  /** The credential the program syncs with (its own, else the environment's), as this process has it. */
  credential: { configured: boolean; kind: Env['github']['credentials']['kind']; rateKey: string | null };
  programId: string;
}): Promise<SyncHealth> {
  const { prisma, github, programId } = options;
  const program = await prisma.program.findUnique({
    where: { id: programId },
    select: { id: true, githubRepo: true },
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });

  const now = new Date();
  // The pacer divides its windows by the time scale; the page counts over the same windows.
  const minuteWindowMs = minuteMs / github.pacing.timeScale;
  const hourWindowMs = hourMs / github.pacing.timeScale;
  const [counts, failing, oldestPending, lastDone, reconcile, rateStates, minuteWrites, hourWrites] = await Promise.all(
    [
      prisma.syncJob.groupBy({ by: ['status'], where: { programId }, _count: { _all: true } }),
      prisma.syncJob.count({ where: { programId, status: { in: ['pending', 'running'] }, lastError: { not: null } } }),
      prisma.syncJob.findFirst({
        where: { programId, status: 'pending' },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      }),
      prisma.syncJob.aggregate({ where: { programId, status: 'done' }, _max: { doneAt: true } }),
      prisma.programSync.findUnique({
        where: { programId },
        select: {
          watermark: true,
          lastReconcileAt: true,
          lastSuccessAt: true,
          lastError: true,
          lastErrorAt: true,
          webhookMissedAt: true,
          webhookMissedIssue: true,
        },
      }),
      prisma.githubRateState.findMany({
        orderBy: { updatedAt: 'desc' },
        take: 20,
        select: {
          key: true,
          nextWriteAt: true,
          blockedUntil: true,
          blockedReason: true,
          strikes: true,
          coreLimit: true,
          coreRemaining: true,
          coreResetAt: true,
          lastSuccessAt: true,
        },
      }),
      countContentWrites(prisma, new Date(now.getTime() - minuteWindowMs)),
      countContentWrites(prisma, new Date(now.getTime() - hourWindowMs)),
    ],
  );
  const [failures, deadLetters, deliveries] = await Promise.all([
    prisma.syncJob.findMany({
      where: { programId, status: { in: ['pending', 'running'] }, lastError: { not: null } },
      orderBy: [{ lastErrorAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      take: 50,
      select: jobProblemSelect,
    }),
    prisma.syncJob.findMany({
      where: { programId, status: 'dead' },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: 100,
      select: jobProblemSelect,
    }),
    prisma.webhookDelivery.findMany({
      // GitHub names repositories case-insensitively; the program's setting is typed by a person.
      where: { repo: { equals: likeLiteral(program.githubRepo), mode: 'insensitive' } },
      orderBy: { receivedAt: 'desc' },
      take: 50,
      select: {
        id: true,
        event: true,
        action: true,
        issueNumber: true,
        status: true,
        outcome: true,
        attempts: true,
        receivedAt: true,
        processedAt: true,
      },
    }),
  ]);

  const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const currentKey = options.credential.rateKey;
  const credentials = rateStates.map((state) => ({
    key: state.key,
    current: state.key === currentKey,
    blocked: state.blockedUntil !== null && state.blockedUntil > now,
    blockedUntil: iso(state.blockedUntil),
    blockedReason: state.blockedReason,
    strikes: state.strikes,
    nextWriteAt: iso(state.nextWriteAt),
    coreLimit: state.coreLimit,
    coreRemaining: state.coreRemaining,
    coreResetAt: iso(state.coreResetAt),
    lastSuccessAt: iso(state.lastSuccessAt),
    contentLastMinute: minuteWrites.get(state.key) ?? 0,
    contentLastHour: hourWrites.get(state.key) ?? 0,
  }));
  // Before its first write a credential has no pacing row yet; it still has a whole budget to show.
  if (currentKey && !credentials.some((credential) => credential.current)) {
    credentials.push({
      key: currentKey,
      current: true,
      blocked: false,
      blockedUntil: null,
      blockedReason: null,
      strikes: 0,
      nextWriteAt: null,
      coreLimit: null,
      coreRemaining: null,
      coreResetAt: null,
      lastSuccessAt: null,
      contentLastMinute: minuteWrites.get(currentKey) ?? 0,
      contentLastHour: hourWrites.get(currentKey) ?? 0,
    });
  }
  credentials.sort((a, b) => Number(b.current) - Number(a.current));

  const jobDoneAt = lastDone._max.doneAt;
  const reconcileSuccessAt = reconcile?.lastSuccessAt ?? null;
  const lastSuccessAt = [jobDoneAt, reconcileSuccessAt]
    .filter((date): date is Date => date !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];

  return {
    programId: program.id,
    githubRepo: program.githubRepo,
    checkedAt: now.toISOString(),
    configured: {
      credentials: options.credential.configured,
      credentialsKind: options.credential.kind,
      webhookSecret: github.webhookSecrets.length > 0,
    },
    queue: {
      pending: countOf('pending'),
      running: countOf('running'),
      done: countOf('done'),
      dead: countOf('dead'),
      failing,
      oldestPendingAt: iso(oldestPending?.createdAt ?? null),
      oldestPendingSeconds: oldestPending
        ? Math.max(0, Math.floor((now.getTime() - oldestPending.createdAt.getTime()) / 1000))
        : null,
    },
    budget: {
      contentPerMinute: github.pacing.contentPerMinute,
      contentPerHour: github.pacing.contentPerHour,
      minuteWindowSeconds: minuteWindowMs / 1000,
      hourWindowSeconds: hourWindowMs / 1000,
      credentials,
    },
    lastSuccess: {
      at: iso(lastSuccessAt ?? null),
      jobDoneAt: iso(jobDoneAt),
      reconcileSuccessAt: iso(reconcileSuccessAt),
    },
    reconciliation: {
      watermark: iso(reconcile?.watermark ?? null),
      lastReconcileAt: iso(reconcile?.lastReconcileAt ?? null),
      lastSuccessAt: iso(reconcileSuccessAt),
      lastError: reconcile?.lastError ?? null,
      lastErrorAt: iso(reconcile?.lastErrorAt ?? null),
    },
    webhooks: webhookContact(deliveries[0] ?? null, reconcile),
    failures: failures.map(toJobProblem),
    deadLetters: deadLetters.map(toJobProblem),
    deliveries: deliveries.map((delivery) => ({
      ...delivery,
      receivedAt: delivery.receivedAt.toISOString(),
      processedAt: iso(delivery.processedAt),
    })),
  };
}

/** Content-creating writes per credential since the window's start. */
async function countContentWrites(prisma: PrismaClient, since: Date): Promise<Map<string, number>> {
  const rows = await prisma.githubWrite.groupBy({
    by: ['key'],
    where: { content: true, sentAt: { gte: since } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.key, row._count._all]));
}

function toJobProblem(row: JobProblemRow): SyncJobProblem {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    reportId: row.reportId,
    reportTitle: row.report.title,
    attempts: row.attempts,
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    runAfter: row.runAfter.toISOString(),
    firstSentAt: iso(row.firstSentAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** The webhook's last contact (a ping counts) and whether reconciliation has been finding what it missed. */
function webhookContact(
  newest: { event: string; receivedAt: Date } | null,
  reconcile: { webhookMissedAt: Date | null; webhookMissedIssue: number | null } | null,
) {
  const missedAt = reconcile?.webhookMissedAt ?? null;
  return {
    lastContactAt: iso(newest?.receivedAt ?? null),
    lastContactEvent: newest?.event ?? null,
    missedAt: iso(missedAt),
    missedIssue: missedAt ? (reconcile?.webhookMissedIssue ?? null) : null,
    notReaching: missedAt !== null && (!newest || newest.receivedAt < missedAt),
  };
}

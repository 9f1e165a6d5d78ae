import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../api/generated/prisma/client.ts';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { uuid7 } from '../../api/lib/uuid7.ts';
import { startGithubEmulator } from '../github-emulator/start-github-emulator.ts';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { fixed } from './measure.ts';

// GitHub's documented limits, as the server's pacing defaults them (GITHUB_CONTENT_PER_MINUTE,
// GITHUB_CONTENT_PER_HOUR, GITHUB_WRITE_SPACING_MS) and the emulator enforces them.
const limits = { perMinute: 80, perHour: 500, spacingMs: 1000 };

/**
 * Draining queued reports into GitHub issues: `reports` reports and their create_issue jobs are
 * committed at once into a program whose repository lives in a GitHub emulator process (limits
 * scaled in time by `timeScale`), and the server's own sync worker (one process, and on PostgreSQL
 * also two sharing the database) creates the issues. The time until every report is linked is
 * compared with the fastest schedule the limits permit; the emulator counts limit violations, and
 * its issues are checked for duplicates.
 */
export async function benchSyncDrain(server: BenchServer, options: { reports: number; timeScale: number }) {
  const { target } = server;
  // The bench's default server has no GitHub settings: servers with them take its place.
  await server.stop(1000);
  const lines = [await drainOnce(target, { ...options, processes: 1 })];
  if (target.kind === 'postgres') lines.push(await drainOnce(target, { ...options, processes: 2 }));
  return lines.join('\n');
}

async function drainOnce(
  target: BenchServer['target'],
  options: { reports: number; timeScale: number; processes: number },
): Promise<string> {
  const { reports: count, timeScale, processes } = options;
  const repo = `bench/drain-${randomBytes(3).toString('hex')}`;
  const emulator = await startGithubEmulator({ timeScale, repos: [repo] });
  const servers: BenchServer[] = [];
  try {
    const env = {
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: emulator.token,
      GITHUB_TIME_SCALE: String(timeScale),
      PUBLIC_URL: 'https://fieldtest.example',
    };
    // One after the other: the first applies the migrations.
    for (let n = 0; n < processes; n++) servers.push(await startBenchServer(target, { env }));
    const { prisma } = servers[0]!;
    const programId = await seedProgram(prisma, repo);
    const reportIds = await queueReports(prisma, programId, count);
    const t0 = performance.now();
    const committedAt = new Date();

    // Generous: the fastest schedule three times over, plus a minute.
    const ideal = fastestScheduleMs(count, timeScale);
    const deadline = t0 + ideal * 3 + 60_000;
    let linked = 0;
    // Polled rarely: on PGlite the bench shares the server's one connection, and its queries would
    // slow what it measures. The time is the last link's own, from the reports' `synced` events.
    while (linked < count && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      linked = await prisma.report.count({ where: { programId, issueNumber: { not: null } } });
    }
    const lastLink = await prisma.reportEvent.aggregate({
      where: { kind: 'synced', report: { programId } },
      _max: { createdAt: true },
    });
    const elapsedMs =
      linked < count || !lastLink._max.createdAt
        ? performance.now() - t0
        : lastLink._max.createdAt.getTime() - committedAt.getTime();

    const stats = await emulator.control.stats();
    const issues = await emulator.control.issues(repo);
    const duplicates = countDuplicates(
      issues.map((issue) => issue.body ?? ''),
      reportIds,
    );
    const writes = await prisma.githubWrite.findMany({
      where: { content: true, sentAt: { gte: committedAt } },
      orderBy: { sentAt: 'asc' },
      select: { sentAt: true },
    });
    const phases = describePhases(
      writes.map((write) => write.sentAt.getTime() - committedAt.getTime()),
      timeScale,
    );

    const label = `drain           ${processes === 1 ? '1 process ' : `${processes} processes`}`;
    const unfinished = linked < count ? ` (only ${linked} of ${count} linked before the deadline)` : '';
    const achieved = (linked / elapsedMs) * 1000;
    const allowed = (count / ideal) * 1000;
    return (
      `${label} ${issues.length} issues for ${count} reports in ${fixed(elapsedMs / 1000)} s${unfinished}: ` +
      `${fixed(achieved)}/s achieved vs ${fixed(allowed)}/s allowed ` +
      `(fastest schedule ${fixed(ideal / 1000)} s at time scale ${timeScale}: ` +
      `${limits.perMinute}/min, ${limits.perHour}/h, writes ${limits.spacingMs} ms apart) | ` +
      `ratio ${(linked < count ? 0 : ideal / elapsedMs).toFixed(2)} (goal ≥ 0.98) | ` +
      `violations ${stats.violations.length}${summariseViolations(stats.violations)} (goal 0), ` +
      `limited answers ${stats.limited} | duplicates ${duplicates} (goal 0) | ` +
      // Every request counts against GitHub's primary budget, reads included (the pacer keeps 5% of it for writes).
      `requests ${stats.requests}: ${stats.writes} writes, ${stats.requests - stats.writes} reads\n` +
      `                ${phases}`
    );
  } finally {
    for (const running of servers.reverse()) await running.stop(1000);
    await emulator.stop();
  }
}

async function seedProgram(prisma: PrismaClient, repo: string): Promise<string> {
  const program = await prisma.program.create({
    data: {
      name: `Drain bench ${repo}`,
      product: 'Bench',
      githubRepo: repo,
      priorityLevels: ['P0', 'P1'],
      priorityLabels: [],
      priorityThreshold: 'P1',
    },
    select: { id: true },
  });
  return program.id;
}

/**
 * The rows filing writes (report, its `filed` event, its create_issue job: see
 * api/reports/file-report.ts), a thousand at a time, committed together so the worker finds the
 * whole queue at once.
 */
async function queueReports(prisma: PrismaClient, programId: string, count: number): Promise<string[]> {
  const release = await prisma.release.create({
    data: {
      programId,
      version: '1.0',
      build: '1',
      testStart: new Date(Date.now() - 3_600_000),
      testEnd: new Date(Date.now() + 86_400_000),
      instructions: '',
      status: 'testing',
    },
    select: { id: true },
  });
  const tester = await prisma.user.create({
    data: {
      email: `drain-${randomBytes(4).toString('hex')}@example.test`,
      name: 'Drain tester',
      role: 'internal_tester',
    },
    select: { id: true },
  });
  const ids = Array.from({ length: count }, () => uuid7());
  await prisma.$transaction([
    prisma.report.createMany({
      data: ids.map((id, n) => ({
        id,
        programId,
        releaseId: release.id,
        reporterId: tester.id,
        source: 'internal' as const,
        title: `Printing stops after page ${n + 1}`,
        steps: '1. Open a long document\n2. Print it to any printer',
        expected: 'Every page prints',
        actual: `Only the first ${n % 7} pages print`,
        severity: 'major' as const,
        environment: { os: 'Windows 11', browser: 'Edge 131' },
        clientKey: `drain-${id}`,
      })),
    }),
    prisma.reportEvent.createMany({
      data: ids.map((reportId) => ({ reportId, kind: 'filed' as const, actorId: tester.id, data: {} })),
    }),
    prisma.syncJob.createMany({
      data: ids.map((reportId) => ({
        kind: 'create_issue' as const,
        key: `create_issue:${reportId}`,
        programId,
        reportId,
      })),
    }),
  ]);
  return ids;
}

/**
 * The earliest moment, in ms after the first, at which the last of `count` content creates may
 * be sent: write k goes no earlier than the spacing after write k-1, a minute after write k-80,
 * and an hour after write k-500 (all divided by the time scale).
 */
export function fastestScheduleMs(count: number, timeScale: number): number {
  const spacing = limits.spacingMs / timeScale;
  const minute = 60_000 / timeScale;
  const hour = 3_600_000 / timeScale;
  const at: number[] = [];
  for (let k = 0; k < count; k++) {
    at.push(
      Math.max(
        k > 0 ? at[k - 1]! + spacing : 0,
        k >= limits.perMinute ? at[k - limits.perMinute]! + minute : 0,
        k >= limits.perHour ? at[k - limits.perHour]! + hour : 0,
      ),
    );
  }
  return at[count - 1] ?? 0;
}

/** Issues sharing a report's marker beyond the first, plus reports without exactly one issue. */
function countDuplicates(bodies: string[], reportIds: string[]): number {
  const issuesPerReport = new Map<string, number>();
  const markers = new Map(reportIds.map((id) => [reportMarker(id), id]));
  for (const body of bodies) {
    const match = /<!-- fieldtest:report:[^ ]+ -->/.exec(body);
    const id = match ? markers.get(match[0]) : undefined;
    if (id) issuesPerReport.set(id, (issuesPerReport.get(id) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const n of issuesPerReport.values()) if (n > 1) duplicates += n - 1;
  return duplicates;
}

function summariseViolations(violations: { reason: string }[]): string {
  if (!violations.length) return '';
  const reasons = new Map<string, number>();
  for (const violation of violations) reasons.set(violation.reason, (reasons.get(violation.reason) ?? 0) + 1);
  return ` (${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ')})`;
}

/**
 * Where the time went, from the pacer's own record of the writes (GithubWrite.sentAt): the first
 * write after the commit, the mean gap between writes while only the spacing binds, the wait at the
 * hour window, and the mean gap after it.
 */
function describePhases(sentAt: number[], timeScale: number): string {
  if (sentAt.length < 2) return `writes recorded: ${sentAt.length}`;
  const spacing = limits.spacingMs / timeScale;
  const meanGap = (from: number, to: number) => (to > from ? (sentAt[to]! - sentAt[from]!) / (to - from) : Number.NaN);
  const firstHour = Math.min(sentAt.length, limits.perHour) - 1;
  const parts = [
    `first write ${fixed(sentAt[0]!)} ms after the commit`,
    `writes 1–${firstHour + 1}: mean gap ${fixed(meanGap(0, firstHour))} ms (spacing ${fixed(spacing)} ms)`,
  ];
  if (sentAt.length > limits.perHour) {
    const hourWait = sentAt[limits.perHour]! - sentAt[0]!;
    parts.push(
      `write ${limits.perHour + 1} ${fixed(hourWait)} ms after write 1 (hour window ${fixed(3_600_000 / timeScale)} ms)`,
      `writes ${limits.perHour + 1}–${sentAt.length}: mean gap ${fixed(meanGap(limits.perHour, sentAt.length - 1))} ms`,
    );
  }
  return parts.join('; ');
}

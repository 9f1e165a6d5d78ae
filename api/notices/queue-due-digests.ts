import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { queueMessage } from '../lib/queue-message.ts';
import type { NoticeSettings } from './notify-finders.ts';
import { audienceOf, type DigestGroup, noticeDigestMessage } from './report-notice-messages.ts';

type Tx = Prisma.TransactionClient;

/** Notices in one digest at most; an older rest is due at once and makes the next one. */
const perDigest = 500;

export type DigestOutcome = 'queued' | 'emptied' | 'not_due';

/**
 * Queues the daily digests that are due: a person's is due once their oldest undigested notice is
 * `periodMs` old. Each digest gathers all their undigested notices, grouped by report, into one
 * e-mail, and marks them digested in the same transaction. The person's notices are claimed with
 * FOR UPDATE SKIP LOCKED, so API processes sharing the database never send a digest twice.
 * Notices of a kind turned off since, and of a report deleted since, are left out; a disabled
 * account gets no digest. Either way the notices are marked, so they are not looked at again.
 * Returns how many people were dealt with (0: nothing was due).
 */
export async function queueDueDigests(options: {
  prisma: PrismaClient;
  settings: NoticeSettings;
  periodMs: number;
  batch?: number;
}): Promise<{ queued: number; emptied: number }> {
  const { prisma } = options;
  const cutoff = new Date(Date.now() - options.periodMs);
  const due = await prisma.pendingNotice.groupBy({
    by: ['userId'],
    where: { digestedAt: null },
    having: { createdAt: { _min: { lte: cutoff } } },
    orderBy: { _min: { createdAt: 'asc' } },
    take: options.batch ?? 20,
  });
  const counts = { queued: 0, emptied: 0 };
  for (const { userId } of due) {
    const outcome = await prisma.$transaction((tx) => digestFor(tx, { userId, cutoff, settings: options.settings }));
    if (outcome === 'queued') counts.queued += 1;
    if (outcome === 'emptied') counts.emptied += 1;
  }
  return counts;
}

async function digestFor(
  tx: Tx,
  options: { userId: string; cutoff: Date; settings: NoticeSettings },
): Promise<DigestOutcome> {
  const { userId, settings } = options;
  // Rows another process holds are skipped: it is digesting them. What it commits is digested, and
  // is no longer undigested when read below (each statement reads what is committed before it).
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    select id from "PendingNotice"
    where "userId" = ${userId}::uuid and "digestedAt" is null
    order by "createdAt", id limit ${perDigest} for update skip locked`;
  if (claimed.length === 0) return 'not_due';
  const notices = await tx.pendingNotice.findMany({
    where: { id: { in: claimed.map((row) => row.id) }, digestedAt: null },
    select: { id: true, kind: true, reportId: true, summary: true, url: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  // What this process holds may be only notices newer than those another one just digested.
  const oldest = notices[0];
  if (!oldest || oldest.createdAt > options.cutoff) return 'not_due';
  await tx.pendingNotice.updateMany({
    where: { id: { in: notices.map((notice) => notice.id) } },
    data: { digestedAt: new Date() },
  });

  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      noticePreferences: { where: { delivery: 'off' }, select: { kind: true } },
    },
  });
  if (user.disabledAt) return 'emptied';
  const off = new Set(user.noticePreferences.map((preference) => preference.kind));
  const reportIds = [...new Set(notices.flatMap((notice) => (notice.reportId ? [notice.reportId] : [])))];
  const reports = new Map(
    (await tx.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, title: true } })).map(
      (report) => [report.id, report.title],
    ),
  );
  const groups = new Map<string, DigestGroup>();
  for (const notice of notices) {
    if (off.has(notice.kind)) continue;
    const title = notice.reportId ? reports.get(notice.reportId) : notice.summary;
    if (title === undefined) continue;
    const key = notice.reportId ?? notice.id;
    let group = groups.get(key);
    if (!group) {
      group = { title, url: notice.url, notices: [] };
      groups.set(key, group);
    }
    group.notices.push({ summary: notice.summary, at: notice.createdAt });
  }
  if (groups.size === 0) return 'emptied';
  await queueMessage(tx, {
    smtpConfigured: settings.smtpConfigured,
    message: noticeDigestMessage({
      to: user.email,
      name: user.name,
      audience: audienceOf(user.role),
      publicUrl: settings.publicUrl,
      groups: [...groups.values()],
    }),
  });
  return 'queued';
}

import type { PrismaClient } from '../generated/prisma/client.ts';
import { type NoticeSettings, notifyFinders } from './notify-finders.ts';

const dayMs = 86_400_000;

/**
 * Reminds, once, each finder who has not answered a request to check a fix: due when the request is
 * as many days old as its program's `verificationReminderDays` (0: never). Nobody is reminded
 * through a release that has shipped (its requests have expired) or a disabled account. The
 * reminder goes as the person chose for verification notices (now, in the digest, or not at all);
 * either way the request is marked reminded in the same transaction, claimed by a conditional
 * update, so processes sharing the database remind each person once.
 * Returns how many requests were dealt with.
 */
export async function queueVerificationReminders(options: {
  prisma: PrismaClient;
  settings: NoticeSettings;
  now?: Date;
  batch?: number;
}): Promise<number> {
  const { prisma } = options;
  const now = options.now ?? new Date();
  const programs = await prisma.program.findMany({
    where: { verificationReminderDays: { gt: 0 } },
    select: { id: true, verificationReminderDays: true },
  });
  let dealt = 0;
  for (const program of programs) {
    const due = await prisma.verification.findMany({
      where: {
        status: 'pending',
        remindedAt: null,
        requestedAt: { lte: new Date(now.getTime() - program.verificationReminderDays * dayMs) },
        report: { programId: program.id, release: { status: { not: 'shipped' } } },
      },
      select: { id: true, reportId: true, userId: true, build: true },
      orderBy: { requestedAt: 'asc' },
      take: options.batch ?? 50,
    });
    for (const verification of due) {
      const claimed = await prisma.$transaction(async (tx) => {
        const marked = await tx.verification.updateMany({
          where: { id: verification.id, status: 'pending', remindedAt: null },
          data: { remindedAt: now },
        });
        if (marked.count === 0) return false;
        await notifyFinders(tx, {
          settings: options.settings,
          reportId: verification.reportId,
          notice: { kind: 'verification', build: verification.build },
          duplicates: true,
          only: [verification.userId],
        });
        return true;
      });
      if (claimed) dealt += 1;
    }
  }
  return dealt;
}

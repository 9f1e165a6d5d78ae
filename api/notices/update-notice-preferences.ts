import type { PrismaClient } from '../generated/prisma/client.ts';
import type { NoticeDelivery, NoticeKind, NoticePreferences } from './notices.schemas.ts';
import { readNoticePreferences } from './read-notice-preferences.ts';

/** Sets the delivery of the kinds named; the others keep theirs. Answers every kind, as reading does. */
export async function updateNoticePreferences(options: {
  prisma: PrismaClient;
  userId: string;
  preferences: Partial<Record<NoticeKind, NoticeDelivery>>;
}): Promise<NoticePreferences> {
  const { prisma, userId } = options;
  return prisma.$transaction(async (tx) => {
    for (const [kind, delivery] of Object.entries(options.preferences)) {
      if (!delivery) continue;
      await tx.noticePreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, delivery },
        update: { delivery },
        select: { userId: true },
      });
    }
    return readNoticePreferences(tx, userId);
  });
}

import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import {
  defaultNoticeDelivery,
  type NoticeDelivery,
  type NoticeKind,
  type NoticePreferences,
  noticeKinds,
} from './notices.schemas.ts';

/** How each kind of notice is named and explained wherever a person chooses its delivery. */
const noticeKindTexts: Record<NoticeKind, { label: string; description: string }> = {
  triaged: { label: 'Triaged', description: 'Engineering gave a bug you found a priority.' },
  needs_info: { label: 'More information needed', description: 'Engineering asks for more information.' },
  comment: { label: 'Comments from engineering', description: 'Engineering wrote on a bug you found.' },
  fixed: {
    label: 'Fixed',
    description: 'A bug you found was fixed, or the bug your report turned out to duplicate was.',
  },
  closed: { label: 'Closed', description: 'A bug you found was closed as not planned, or as a duplicate.' },
  verification: {
    label: 'Checks of a fix',
    description: 'A request to check a fix on its build, and reminders while your check is open.',
  },
};

/** Every kind of notice with the person's delivery for it; a kind never chosen gets the default. */
export async function readNoticePreferences(
  db: PrismaClient | Prisma.TransactionClient,
  userId: string,
): Promise<NoticePreferences> {
  const rows = await db.noticePreference.findMany({ where: { userId }, select: { kind: true, delivery: true } });
  const chosen = new Map<string, NoticeDelivery>(rows.map((row) => [row.kind, row.delivery]));
  return {
    items: noticeKinds.map((kind) => ({
      kind,
      delivery: chosen.get(kind) ?? defaultNoticeDelivery,
      ...noticeKindTexts[kind],
    })),
  };
}

import type { PrismaClient } from '../generated/prisma/client.ts';
import { likeLiteral } from '../lib/like-pattern.ts';

/** Newest first; ids are UUIDv7, so ordering by id is ordering by creation and makes a stable cursor. */
export async function listOutbox(options: { prisma: PrismaClient; to?: string; cursor?: string; limit: number }) {
  const rows = await options.prisma.message.findMany({
    where: {
      ...(options.to ? { to: { equals: likeLiteral(options.to), mode: 'insensitive' as const } } : {}),
      ...(options.cursor ? { id: { lt: options.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: options.limit + 1,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      kind: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

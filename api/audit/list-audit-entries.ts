import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import type { AuditAction } from '../lib/record-audit.ts';
import { type AuditEntry, type AuditPage, type AuditQuery, instantOf } from './audit.schemas.ts';

/**
 * The audit trail, newest first, narrowed by program, action, actor and time. Entries written in
 * one transaction share their time, so the order is by time and then id, and the cursor is the
 * last entry of the page.
 */
export async function listAuditEntries(options: { prisma: PrismaClient } & AuditQuery): Promise<AuditPage> {
  const { prisma, programId, action, actorId, from, to, cursor, limit } = options;
  const filters: Prisma.AuditEntryWhereInput = {
    ...(programId ? { programId } : {}),
    ...(action ? { action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(from || to
      ? { at: { ...(from ? { gte: instantOf(from, 'start') } : {}), ...(to ? { lte: instantOf(to, 'end') } : {}) } }
      : {}),
  };
  let after: Prisma.AuditEntryWhereInput = {};
  if (cursor) {
    const last = await prisma.auditEntry.findUnique({ where: { id: cursor }, select: { id: true, at: true } });
    if (!last) throw new AppError('validation', { fields: [{ field: 'cursor', message: 'No such page' }] });
    after = { OR: [{ at: { lt: last.at } }, { at: last.at, id: { lt: last.id } }] };
  }
  const rows = await prisma.auditEntry.findMany({
    where: { AND: [filters, after] },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true,
      at: true,
      actorId: true,
      actorName: true,
      action: true,
      programId: true,
      subjectType: true,
      subjectId: true,
      before: true,
      after: true,
    },
  });
  const page = rows.slice(0, limit);
  const programIds = [...new Set(page.flatMap((row) => (row.programId ? [row.programId] : [])))];
  const programs = programIds.length
    ? await prisma.program.findMany({ where: { id: { in: programIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(programs.map((program) => [program.id, program.name]));
  return {
    items: page.map(
      (row): AuditEntry => ({
        ...row,
        at: row.at.toISOString(),
        action: row.action as AuditAction,
        programName: row.programId ? (names.get(row.programId) ?? null) : null,
        before: asObject(row.before),
        after: asObject(row.after),
      }),
    ),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

function asObject(value: Prisma.JsonValue | null): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

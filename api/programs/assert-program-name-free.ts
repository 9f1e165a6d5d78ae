import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';

/**
 * Serialises writes of program names for the rest of the transaction, then refuses a name that
 * another program has (ignoring case, which the unique index alone would not).
 */
export async function assertProgramNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  await tx.$executeRaw`select pg_advisory_xact_lock(4102587361)`;
  const clash = await tx.program.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash)
    throw new AppError('conflict', { fields: [{ field: 'name', message: 'A program with this name exists' }] });
}

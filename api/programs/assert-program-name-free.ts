import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';

/**
 * Serialises writes of program names for the rest of the transaction, then refuses a name that
 * another program has (ignoring case, which the unique index alone would not). Compared with
 * `lower() =`, not Prisma's case-insensitive `equals`: that is ILIKE, where `%` and `_` are wildcards.
 */
export async function assertProgramNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  await tx.$executeRaw`select pg_advisory_xact_lock(4102587361)`;
  const [clash] = await tx.$queryRaw<unknown[]>`
    select 1 from "Program"
    where lower(name) = lower(${name}) and id is distinct from ${exceptId ?? null}::uuid
    limit 1`;
  if (clash)
    throw new AppError('conflict', { fields: [{ field: 'name', message: 'A program with this name exists' }] });
}

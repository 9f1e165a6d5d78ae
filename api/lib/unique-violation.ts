import { Prisma } from '../generated/prisma/client.ts';

/**
 * Whether a database error is a unique-key violation: P2002 from Prisma's own queries, or
 * SQLSTATE 23505 carried by a raw query's driver error (P2010).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } })
    ?.driverAdapterError?.cause;
  return cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505';
}

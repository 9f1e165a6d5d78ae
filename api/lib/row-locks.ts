import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from './app-error.ts';

type Tx = Prisma.TransactionClient;

// Row locks that serialise changes to one program or one release for the rest of a transaction.
// `for no key update` blocks other writers but not inserts that reference the row; `for share`
// lets readers through and holds off a writer (shipping) until commit.

/** Locks the program row; 404 when there is none. */
export async function lockProgram(tx: Tx, id: string): Promise<void> {
  const [row] = await tx.$queryRaw<unknown[]>`select id from "Program" where id = ${id}::uuid for no key update`;
  if (!row) throw new AppError('not_found', { detail: 'No such program.' });
}

/** Locks the release row; 404 when there is none. */
export async function lockRelease(tx: Tx, id: string, mode: 'update' | 'share' = 'update'): Promise<void> {
  const [row] =
    mode === 'share'
      ? await tx.$queryRaw<unknown[]>`select id from "Release" where id = ${id}::uuid for share`
      : await tx.$queryRaw<unknown[]>`select id from "Release" where id = ${id}::uuid for no key update`;
  if (!row) throw new AppError('not_found', { detail: 'No such release.' });
}

import type { Prisma } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

// Transaction-scoped advisory locks: the first key names the lock space, the second hashes the
// value locked. A hash collision only makes two unrelated uploads wait for each other.

/** Serialises one person's uploads, so that parallel requests cannot outrun the upload quota. */
export async function lockUploadQuota(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(7301, hashtext(${userId}::text))`;
}

/** Serialises placing and removing one content's file, so a delete never removes a file being reused. */
export async function lockContent(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(7302, hashtext(${sha256}::text))`;
}

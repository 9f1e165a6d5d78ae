import type { Prisma } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

export type OutgoingMessage = { to: string; subject: string; text: string; kind: string };

/**
 * Writes a message in the caller's transaction, so it exists exactly when what it announces does.
 * With SMTP configured the delivery loop sends it; without, it is held in the outbox for admins.
 */
export async function queueMessage(
  tx: Tx,
  options: { smtpConfigured: boolean; message: OutgoingMessage },
): Promise<void> {
  await tx.message.create({
    data: { ...options.message, status: options.smtpConfigured ? 'pending' : 'held' },
    select: { id: true },
  });
}

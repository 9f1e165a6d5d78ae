import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { hashToken } from '../lib/tokens.ts';
import { applyBody } from './join.schemas.ts';
import { findReleaseByJoinToken } from './join-link-state.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const apply = 'Apply again through the join link.';

/**
 * The application a confirmation link stands for, with its release; 410 when the link is unknown,
 * spent or expired, or when the join link it was made through has since been given a new address.
 */
export async function findUsableJoinConfirmation(db: Db, token: string) {
  const confirmation = await db.joinConfirmation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, releaseId: true, application: true, expiresAt: true, usedAt: true },
  });
  if (!confirmation) throw new AppError('link_invalid', { detail: `This confirmation link is not valid. ${apply}` });
  if (confirmation.usedAt)
    throw new AppError('link_invalid', { detail: 'This application has already been confirmed.' });
  if (confirmation.expiresAt <= new Date())
    throw new AppError('link_invalid', { detail: `This confirmation link has expired. ${apply}` });
  // Kept as typed; read with today's rules, as if it were being sent now.
  const application = applyBody.safeParse(confirmation.application);
  if (!application.success)
    throw new AppError('link_invalid', { detail: `This application can no longer be confirmed. ${apply}` });
  const release = await findReleaseByJoinToken(db, application.data.token);
  if (release.id !== confirmation.releaseId)
    throw new AppError('link_invalid', { detail: `This confirmation link is not valid. ${apply}` });
  return { id: confirmation.id, expiresAt: confirmation.expiresAt, application: application.data, release };
}

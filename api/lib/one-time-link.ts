import type { Prisma, TokenPurpose } from '../generated/prisma/client.ts';
import { AppError } from './app-error.ts';
import { hashToken, newToken } from './tokens.ts';

type Tx = Prisma.TransactionClient;

const paths: Record<TokenPurpose, string> = {
  first_admin: '/setup',
  set_password: '/set-password',
  password_reset: '/set-password',
};

/**
 * Creates a single-use, expiring link. The token travels in the URL fragment, which browsers never
 * send to a server, so it stays out of access logs and Referer headers.
 */
export async function createOneTimeLink(
  tx: Tx,
  options: { purpose: TokenPurpose; userId?: string; ttlMinutes: number; publicUrl: string },
): Promise<{ url: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + options.ttlMinutes * 60_000);
  await tx.accountToken.create({
    data: { tokenHash: hash, purpose: options.purpose, userId: options.userId ?? null, expiresAt },
    select: { id: true },
  });
  return { url: `${options.publicUrl}${paths[options.purpose]}#${token}`, expiresAt };
}

/**
 * Spends a link exactly once, even when two requests race; an unknown, spent or expired link, or one
 * made for another purpose than those accepted, is 410.
 */
export async function redeemOneTimeLink(
  tx: Tx,
  token: string,
  accepted: TokenPurpose | readonly TokenPurpose[],
): Promise<{ userId: string | null; purpose: TokenPurpose }> {
  const tokenHash = hashToken(token);
  const purposes: readonly TokenPurpose[] = typeof accepted === 'string' ? [accepted] : accepted;
  const spent = await tx.accountToken.updateMany({
    where: { tokenHash, purpose: { in: [...purposes] }, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (spent.count !== 1)
    throw linkError(
      await tx.accountToken.findUnique({ where: { tokenHash }, select: { usedAt: true, purpose: true } }),
      purposes,
    );
  return tx.accountToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, purpose: true } });
}

export async function inspectOneTimeLink(tx: Tx, token: string) {
  const link = await tx.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, name: true } } },
  });
  if (!link || link.usedAt || link.expiresAt <= new Date()) throw linkError(link, link ? [link.purpose] : []);
  return link;
}

function linkError(
  link: { usedAt: Date | null; purpose: TokenPurpose } | null,
  accepted: readonly TokenPurpose[],
): AppError {
  if (!link || !accepted.includes(link.purpose))
    return new AppError('link_invalid', { detail: 'This link is not valid. Ask for a new one.' });
  if (link.usedAt)
    return new AppError('link_invalid', { detail: 'This link has already been used. Ask for a new one.' });
  return new AppError('link_invalid', { detail: 'This link has expired. Ask for a new one.' });
}

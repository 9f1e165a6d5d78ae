import { createHash, randomBytes } from 'node:crypto';

/** A random token for a cookie or a link, and the hash that the database keeps instead. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { GithubCredentials } from '../../env.ts';

export type ProgramCredential = Exclude<GithubCredentials, { kind: 'none' }>;

// AES-256-GCM with a fresh 12-byte nonce per seal; the program's id is authenticated with it, so a
// sealed credential copied onto another program's row does not open. Stored as
// `v1.<nonce>.<tag>.<ciphertext>`, each in base64url.

export function sealCredential(key: Buffer, programId: string, credential: ProgramCredential): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(programId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(credential), 'utf8'), cipher.final()]);
  return ['v1', nonce, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
}

/** The credential, or null when it does not open with this key (another key, or altered). */
export function openCredential(key: Buffer, programId: string, sealed: string): ProgramCredential | null {
  const [version, nonce, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !nonce || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(programId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(text) as ProgramCredential;
  } catch {
    return null;
  }
}

import { createHash } from 'node:crypto';

/** SHA-256 of the terms, hex: what an acceptance records, so that the wording accepted can be proven. */
export function hashTermsText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

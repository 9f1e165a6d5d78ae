import { randomBytes } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562: 48-bit Unix milliseconds, then random bits), the same kind of id as
 * the schema's `@default(uuid(7))`, for rows written with hand-written SQL.
 */
export function uuid7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

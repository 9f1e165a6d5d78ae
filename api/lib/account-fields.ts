import { z } from 'zod';

// Fields that sign-in, set-up, invitations, joining and staff accounts all take, checked alike.

export const emailSchema = z
  .email({ error: 'Enter a valid e-mail address' })
  .max(254)
  .transform((value) => value.toLowerCase());

export const passwordSchema = z
  .string()
  .min(12, { error: 'Use at least 12 characters' })
  .max(256, { error: 'Use at most 256 characters' });

export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'This link is malformed' });

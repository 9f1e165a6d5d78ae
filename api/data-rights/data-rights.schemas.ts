import { z } from 'zod';

// A person's data rights: a copy of everything Fieldtest holds about them, and erasure. The
// portal's forms reuse these schemas.

/** The name an erased account reads under, wherever its reports and words are shown. */
export const formerMvpName = 'A former MVP';

export const eraseAccountBody = z
  .strictObject({
    password: z
      .string({ error: 'Enter your password to confirm' })
      .min(1, { error: 'Enter your password to confirm' })
      .max(256, { error: 'Passwords have at most 256 characters' }),
  })
  .meta({ id: 'EraseAccountBody' });

export const dataRightsAccountParams = z.object({ id: z.uuid({ error: 'Not an account id' }) });

export const erasedAccountSchema = z
  .object({
    id: z.uuid(),
    erasedAt: z.iso.datetime(),
    reportsKept: z.number().int().meta({ description: 'Reports that stay, under "A former MVP"' }),
    filesRemoved: z.number().int().meta({ description: 'Files they uploaded, removed (their records stay)' }),
  })
  .meta({ id: 'ErasedAccount' });

export type EraseAccountBody = z.input<typeof eraseAccountBody>;
export type ErasedAccount = z.output<typeof erasedAccountSchema>;

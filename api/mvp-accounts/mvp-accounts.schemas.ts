import { z } from 'zod';

// Customers' accounts as the program lead manages them, across every release they take part in.

export const mvpAccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    status: z
      .enum(['active', 'disabled'])
      .meta({ description: 'disabled: cannot sign in, and every session has ended; what they filed stays' }),
    disabledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'MvpAccount' });

export const updateMvpAccountBody = z
  .strictObject({ disabled: z.boolean({ error: 'Say whether the account is disabled' }) })
  .meta({ id: 'UpdateMvpAccountBody' });

export const mvpAccountIdParams = z.object({ id: z.uuid({ error: 'Not an account id' }) });

export type MvpAccount = z.output<typeof mvpAccountSchema>;

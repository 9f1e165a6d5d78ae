import { z } from 'zod';
import { passwordSchema } from '../lib/account-fields.ts';

export const changePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1, { error: 'Enter your current password' }).max(256),
    newPassword: passwordSchema,
  })
  .refine((body) => body.currentPassword !== body.newPassword, {
    error: 'Choose a password different from the current one',
    path: ['newPassword'],
  })
  .meta({ id: 'ChangePasswordBody' });

export type ChangePasswordBody = z.input<typeof changePasswordBody>;

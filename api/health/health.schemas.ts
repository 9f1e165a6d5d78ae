import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const readySchema = z
  .object({ status: z.enum(['ready', 'not_ready']), detail: z.string().optional() })
  .meta({ id: 'Ready' });

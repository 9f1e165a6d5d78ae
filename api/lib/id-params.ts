import { z } from 'zod';

// Path parameters naming one row by its id, shared by every route under /api/programs/{id},
// /api/releases/{id} and /api/reports/{id}: a malformed id is a 400 on `id`, never a lookup.

export const programIdParams = z.object({ id: z.uuid({ error: 'Not a program id' }) });

export const releaseIdParams = z.object({ id: z.uuid({ error: 'Not a release id' }) });

export const reportIdParams = z.object({ id: z.uuid({ error: 'Not a report id' }) });

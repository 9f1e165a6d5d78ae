import { z } from 'zod';

// A program's current terms an MVP has not accepted yet, as terms-standing.ts finds them: the MVP's
// terms page lists them, and their releases leave those programs out until they are accepted.

export const pendingTermsSchema = z
  .object({
    programId: z.uuid(),
    programName: z.string(),
    version: z.number().int(),
    text: z.string().meta({ description: 'Plain text or Markdown' }),
  })
  .meta({ id: 'PendingTerms', description: "A program's current terms, not yet accepted" });

export type PendingTerms = z.output<typeof pendingTermsSchema>;

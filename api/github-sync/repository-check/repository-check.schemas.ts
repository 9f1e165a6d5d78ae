import { z } from 'zod';

export const repositoryCheckSchema = z
  .object({
    githubRepo: z.string(),
    checkedAt: z.iso.datetime().nullable().meta({ description: 'Null until the repository was first checked' }),
    connected: z.boolean().meta({
      description: 'The repository exists, the credential can label issues there, and the labels are present',
    }),
    problem: z.string().nullable().meta({ description: 'What stops reports reaching GitHub, in plain words' }),
    labelsCreated: z.array(z.string()).meta({ description: 'Labels the check created just now' }),
  })
  .meta({ id: 'RepositoryCheck' });

export type RepositoryCheck = z.output<typeof repositoryCheckSchema>;

import { z } from 'zod';

// An MVP's GitHub login, linked by signing in with GitHub (the OAuth web flow): issues they open
// directly on GitHub count as theirs, customer finds from the moment they were opened.

export const githubIdentitySchema = z
  .object({
    login: z.string().nullable().meta({ description: 'The linked GitHub login, or null' }),
    linkable: z.boolean().meta({ description: 'Whether this Fieldtest can sign people in with GitHub' }),
  })
  .meta({ id: 'GithubIdentity' });

export const githubLinkStartSchema = z
  .object({ authorizeUrl: z.url().meta({ description: "GitHub's page to approve; send the browser there" }) })
  .meta({ id: 'GithubLinkStart' });

const param = z.string().max(500);
export const githubCallbackQuery = z.object({
  code: param.optional(),
  state: param.optional(),
  error: param.optional(),
  error_description: param.optional(),
  error_uri: param.optional(),
});

/** Where the portal's profile page says how linking went (`?github=`). */
export const githubLinkOutcomes = ['linked', 'cancelled', 'taken', 'expired', 'failed'] as const;
export type GithubLinkOutcome = (typeof githubLinkOutcomes)[number];

export type GithubIdentity = z.output<typeof githubIdentitySchema>;

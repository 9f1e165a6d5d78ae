import { z } from 'zod';

// A token as GitHub issues them (ghp_…, github_pat_…, ghs_…): letters, digits, `_`, `-` and `.`.
const token = z
  .string()
  .trim()
  .min(1, 'Enter the token')
  .max(255, 'A GitHub token is at most 255 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'A GitHub token has only letters, digits, _, - and .');

const privateKey = z
  .string()
  .trim()
  .max(10_000, 'A private key is at most 10,000 characters')
  .regex(
    /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/,
    "Paste the App's private key (.pem), from -----BEGIN to -----END",
  );

const positiveId = (what: string) =>
  z.coerce
    .number({ error: `Enter the ${what} (a number)` })
    .int(`The ${what} is a whole number`)
    .positive(`The ${what} is a positive number`)
    .max(2 ** 53 - 1, `The ${what} is too large`);

/** What a lead enters: a token, or a GitHub App installed on the program's repository. */
export const setGithubCredentialBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('token'), token }).strict(),
    z
      .object({
        kind: z.literal('app'),
        appId: positiveId('App ID'),
        privateKey,
        // Left out (or left empty in the form): found from the program's repository.
        installationId: z.preprocess(
          (value) => (value === '' ? undefined : value),
          positiveId('installation ID').optional(),
        ),
      })
      .strict(),
  ])
  .meta({ id: 'SetGithubCredential' });

export const githubCredentialSchema = z
  .object({
    source: z.enum(['program', 'environment', 'none']).meta({
      description: "Whose credential the program syncs with: its own, the server's (environment), or none",
    }),
    kind: z.enum(['token', 'app']).nullable(),
    hint: z
      .string()
      .nullable()
      .meta({ description: 'What may be shown of it ("token ending …a1b2"); the credential itself never is' }),
    setAt: z.iso.datetime().nullable(),
    usable: z.boolean().meta({
      description: "False when the program's credential no longer opens with CREDENTIALS_KEY (the key changed)",
    }),
    programsMayBringCredentials: z.boolean().meta({ description: 'Whether CREDENTIALS_KEY is set on the server' }),
  })
  .meta({ id: 'GithubCredential' });

export type SetGithubCredential = z.output<typeof setGithubCredentialBody>;
export type GithubCredentialSummary = z.output<typeof githubCredentialSchema>;

import type { Env } from '../../env.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { openCredential } from '../credentials/seal-credential.ts';
import { createGithubClient, type GithubClient } from './github-client.ts';

/** Which client talks to GitHub for a program: its own credential, else the environment's. */
export type GithubAccess = {
  /** The environment's credential (GITHUB_TOKEN or GITHUB_APP_*), null when none is set. */
  fallback: GithubClient | null;
  forProgram: (programId: string) => Promise<GithubClient | null>;
  /** For what names a repository only (a webhook): the credential of the program that syncs to it. */
  forRepo: (repo: string) => Promise<GithubClient | null>;
};

/**
 * Programs' credentials are read from the database on each call (a primary-key lookup), so a
 * credential changed through one process is used by every process at its next job; clients are
 * kept while the sealed credential stays the same. A credential that does not open with
 * CREDENTIALS_KEY (the key was changed) gives no client: the program is not connected until its
 * credential is entered again.
 */
export function createGithubAccess(options: {
  prisma: PrismaClient;
  env: Pick<Env, 'github' | 'credentialsKey'>;
  fallback?: GithubClient | null;
}): GithubAccess {
  const { prisma, env } = options;
  const fallback = options.fallback === undefined ? createGithubClient(env.github) : options.fallback;
  const clients = new Map<string, { sealed: string; client: GithubClient | null }>();

  const forProgram = async (programId: string): Promise<GithubClient | null> => {
    if (!env.credentialsKey) return fallback;
    const stored = await prisma.programGithubCredential.findUnique({
      where: { programId },
      select: { sealed: true },
    });
    if (!stored) return fallback;
    const cached = clients.get(programId);
    if (cached?.sealed === stored.sealed) return cached.client;
    const credentials = openCredential(env.credentialsKey, programId, stored.sealed);
    const client = credentials ? createGithubClient({ ...env.github, credentials }) : null;
    clients.set(programId, { sealed: stored.sealed, client });
    return client;
  };

  return {
    fallback,
    forProgram,
    forRepo: async (repo) => {
      if (!env.credentialsKey) return fallback;
      // lower() = lower(), not an insensitive match: `_` is a repository name's own character.
      const [program] = await prisma.$queryRaw<{ id: string }[]>`
        select id::text as id from "Program" where lower("githubRepo") = lower(${repo}) order by "createdAt" limit 1`;
      return program ? forProgram(program.id) : fallback;
    },
  };
}

import type { Env } from '../../env.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { GithubAccess } from '../client/github-access.ts';
import type { GithubClient } from '../client/github-client.ts';

export type Tx = Prisma.TransactionClient;

/** What applying GitHub's state needs besides the transaction: where links point, how mail goes, GitHub itself. */
export type InboundSettings = {
  publicUrl: string;
  /** With SMTP the outbox sends; without, messages are held for admins (as everywhere else). */
  smtpConfigured: boolean;
  /** Null without credentials: then nothing is fetched, and webhooks are applied as they come. */
  github: GithubClient | null;
  /** Programs' own credentials: a delivery is read back with its repository's program's client. */
  access?: GithubAccess;
  /** The shared pacer's settings (api/sync), for blocks after a rate limit or an outage. */
  pacing: Env['github']['pacing'];
};

export function inboundSettings(env: Env, github: GithubClient | null): InboundSettings {
  return { publicUrl: env.publicUrl, smtpConfigured: env.smtpUrl !== undefined, github, pacing: env.github.pacing };
}

/** The program fields the inbound sync reads. */
export const inboundProgramSelect = {
  id: true,
  name: true,
  product: true,
  githubRepo: true,
  priorityLevels: true,
  priorityLabels: true,
  priorityThreshold: true,
  needsInfoLabels: true,
  fixedInLabelPrefix: true,
} satisfies Prisma.ProgramSelect;
export type InboundProgram = Prisma.ProgramGetPayload<{ select: typeof inboundProgramSelect }>;

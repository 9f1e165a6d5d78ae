import { createPrivateKey } from 'node:crypto';
import type { Env } from '../../env.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { SessionUser } from '../../lib/app-context.ts';
import { AppError } from '../../lib/app-error.ts';
import { findAppInstallation } from './find-app-installation.ts';
import type { SetGithubCredential } from './github-credentials.schemas.ts';
import { recordCredentialChange } from './record-credential-change.ts';
import { type ProgramCredential, sealCredential } from './seal-credential.ts';

/** Stores the program's own credential, sealed; the repository check that follows tells whether it works. */
export async function setGithubCredential(options: {
  prisma: PrismaClient;
  env: Pick<Env, 'credentialsKey' | 'github'>;
  actor: Pick<SessionUser, 'id' | 'name'>;
  programId: string;
  credential: SetGithubCredential;
}): Promise<void> {
  const { prisma, env, programId, credential } = options;
  if (!env.credentialsKey) {
    throw new AppError('conflict', {
      detail:
        "This server keeps no credentials of programs: set CREDENTIALS_KEY (openssl rand -base64 32) and restart, or use the server's GITHUB_TOKEN or GitHub App.",
    });
  }
  const stored: ProgramCredential =
    credential.kind === 'token'
      ? { kind: 'token', token: credential.token }
      : await appCredential({ ...options, credential });
  const hint =
    stored.kind === 'token'
      ? `token ending …${stored.token.slice(-4)}`
      : `App ${stored.appId}, installation ${stored.installationId}`;
  const data = {
    kind: stored.kind,
    sealed: sealCredential(env.credentialsKey, programId, stored),
    hint,
    setById: options.actor.id,
    setAt: new Date(),
  };
  await prisma.$transaction(async (tx) => {
    const before = await tx.programGithubCredential.findUnique({ where: { programId }, select: { hint: true } });
    await tx.programGithubCredential.upsert({
      where: { programId },
      create: { programId, ...data },
      update: data,
      select: { programId: true },
    });
    await recordCredentialChange(tx, { actor: options.actor, programId, before: before?.hint ?? null, after: hint });
  });
}

async function appCredential(options: {
  prisma: PrismaClient;
  env: Pick<Env, 'github'>;
  programId: string;
  credential: Extract<SetGithubCredential, { kind: 'app' }>;
}): Promise<ProgramCredential> {
  const { appId, installationId } = options.credential;
  const privateKey = readablePrivateKey(options.credential.privateKey);
  if (typeof installationId === 'number') return { kind: 'app', appId, privateKey, installationId };
  const program = await options.prisma.program.findUnique({
    where: { id: options.programId },
    select: { githubRepo: true },
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const found = await findAppInstallation({ github: options.env.github, appId, privateKey, repo: program.githubRepo });
  return { kind: 'app', appId, privateKey, installationId: found };
}

/** A key that looks like a PEM but does not parse is refused now rather than at the first sync. */
function readablePrivateKey(pem: string): string {
  try {
    createPrivateKey(pem);
    return pem;
  } catch {
    throw new AppError('validation', {
      detail: 'The private key could not be read.',
      fields: [{ field: 'privateKey', message: "Not a private key GitHub issues: paste the App's .pem file whole" }],
    });
  }
}

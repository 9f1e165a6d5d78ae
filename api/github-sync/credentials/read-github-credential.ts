import type { Env } from '../../env.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { GithubCredentialSummary } from './github-credentials.schemas.ts';
import { openCredential } from './seal-credential.ts';

/** Which credential the program syncs with, as may be shown: never the credential itself. */
export async function readGithubCredential(options: {
  prisma: PrismaClient;
  env: Pick<Env, 'github' | 'credentialsKey'>;
  programId: string;
}): Promise<GithubCredentialSummary> {
  const { prisma, env, programId } = options;
  const own = await prisma.programGithubCredential.findUnique({
    where: { programId },
    select: { kind: true, hint: true, setAt: true, sealed: true },
  });
  const programsMayBringCredentials = env.credentialsKey !== null;
  if (own && env.credentialsKey) {
    return {
      source: 'program',
      kind: own.kind,
      hint: own.hint,
      setAt: own.setAt.toISOString(),
      usable: openCredential(env.credentialsKey, programId, own.sealed) !== null,
      programsMayBringCredentials,
    };
  }
  const fallback = env.github.credentials;
  return {
    source: fallback.kind === 'none' ? 'none' : 'environment',
    kind: fallback.kind === 'none' ? null : fallback.kind,
    hint: fallback.kind === 'app' ? `App ${fallback.appId}, installation ${fallback.installationId}` : null,
    setAt: null,
    usable: fallback.kind !== 'none',
    programsMayBringCredentials,
  };
}

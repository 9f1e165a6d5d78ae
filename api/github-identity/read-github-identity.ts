import type { Env } from '../env.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { GithubIdentity } from './github-identity.schemas.ts';

export async function readGithubIdentity(options: {
  prisma: PrismaClient;
  env: Env;
  userId: string;
}): Promise<GithubIdentity> {
  const profile = await options.prisma.mvpProfile.findUnique({
    where: { userId: options.userId },
    select: { githubLogin: true },
  });
  return { login: profile?.githubLogin ?? null, linkable: options.env.github.oauth !== null };
}

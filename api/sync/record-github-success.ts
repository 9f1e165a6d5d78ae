import type { PrismaClient } from '../generated/prisma/client.ts';
import { probeReason } from './sync-timing.ts';

type Headers = Record<string, string | number | undefined>;

/**
 * GitHub answered: consecutive failures end, a probe's block lifts, and the primary limit's budget
 * as GitHub reports it is kept for the sync health page. A block set by a limit or an outage
 * stays: only the probe's own block is lifted.
 */
export async function recordGithubSuccess(options: {
  prisma: PrismaClient;
  rateKey: string;
  headers?: Headers;
  now?: Date;
}): Promise<void> {
  const { prisma, rateKey } = options;
  const now = options.now ?? new Date();
  const budget = readBudget(options.headers ?? {});
  await prisma.$transaction([
    prisma.githubRateState.updateMany({
      where: { key: rateKey, blockedReason: probeReason },
      data: { blockedUntil: null, blockedReason: null },
    }),
    prisma.githubRateState.updateMany({
      where: { key: rateKey },
      data: { strikes: 0, lastSuccessAt: now, ...budget },
    }),
  ]);
}

function readBudget(headers: Headers) {
  const number = (name: string) => {
    const value = Number(headers[name]);
    return headers[name] === undefined || !Number.isFinite(value) ? undefined : value;
  };
  const resource = headers['x-ratelimit-resource'];
  if (resource !== undefined && resource !== 'core') return {};
  const limit = number('x-ratelimit-limit');
  const remaining = number('x-ratelimit-remaining');
  const reset = number('x-ratelimit-reset');
  if (limit === undefined || remaining === undefined) return {};
  return {
    coreLimit: limit,
    coreRemaining: remaining,
    ...(reset === undefined ? {} : { coreResetAt: new Date(reset * 1000) }),
  };
}

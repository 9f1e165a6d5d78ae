import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { probeReason } from './sync-timing.ts';

type Headers = Record<string, string | number | undefined>;

/** What recording an answer needs: the credential, GitHub's headers, the write it answers. */
export type GithubSuccess = {
  rateKey: string;
  headers?: Headers;
  now?: Date;
  /**
   * The content write (takeWriteSlot's row) this answers. GitHub counts a write when it arrives,
   * which is before its answer: from now on the windows count it from the answer, so a slow
   * request cannot make two writes look an hour apart to us and not to GitHub.
   */
  answeredWriteId?: string;
};

/**
 * GitHub answered: consecutive failures end, a probe's block lifts, and the primary limit's budget
 * as GitHub reports it is kept for the sync health page. A block set by a limit or an outage
 * stays: only the probe's own block is lifted.
 */
export async function recordGithubSuccess(
  options: GithubSuccess & { prisma: PrismaClient | Prisma.TransactionClient },
): Promise<void> {
  await options.prisma.$executeRaw(successStatement(githubSuccessUpdates(options)));
}

/**
 * The updates that record an answer, each a statement a caller may also put in its own statement's
 * `with` (the sync worker records a created issue's answer in the statement that links it).
 */
export function githubSuccessUpdates(options: GithubSuccess): Prisma.Sql[] {
  const { rateKey } = options;
  const now = options.now ?? new Date();
  const budget = readBudget(options.headers ?? {});
  const updates: Prisma.Sql[] = [];
  if (options.answeredWriteId) {
    updates.push(Prisma.sql`
      update "GithubWrite" set "sentAt" = greatest("sentAt", ${now}::timestamp(3)) where id = ${options.answeredWriteId}::bigint`);
  }
  // A probe's block lifts (any other block stays) as the failures end. The budget columns keep
  // their value when GitHub's answer did not carry it.
  updates.push(Prisma.sql`
    update "GithubRateState" set
      "blockedUntil" = case when "blockedReason" = ${probeReason} then null else "blockedUntil" end,
      "blockedReason" = case when "blockedReason" = ${probeReason} then null else "blockedReason" end,
      strikes = 0,
      "lastSuccessAt" = ${now}::timestamp(3),
      "coreLimit" = coalesce(${budget.coreLimit ?? null}::int, "coreLimit"),
      "coreRemaining" = coalesce(${budget.coreRemaining ?? null}::int, "coreRemaining"),
      "coreResetAt" = coalesce(${budget.coreResetAt ?? null}::timestamp(3), "coreResetAt"),
      "updatedAt" = ${now}::timestamp(3)
    where key = ${rateKey}`);
  return updates;
}

/** The updates as one statement of their own, atomic on its own. */
export function successStatement(updates: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`with ${successCtes(updates)} select`;
}

/** Updates as common table expressions (`success_0 as (…), …`), for a statement's `with`. */
export function successCtes(updates: Prisma.Sql[]): Prisma.Sql {
  return Prisma.join(
    updates.map((update, n) => Prisma.sql`${Prisma.raw(`success_${n}`)} as (${update})`),
    ', ',
  );
}

function readBudget(headers: Headers): { coreLimit?: number; coreRemaining?: number; coreResetAt?: Date } {
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

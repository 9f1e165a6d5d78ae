import type { Prisma } from '../generated/prisma/client.ts';
import { likeLiteral } from './like-pattern.ts';

type Tx = Prisma.TransactionClient;

// A GitHub login belongs to at most one person in Fieldtest: an MVP (linked on their profile by
// signing in with GitHub) or a staff member (mapped by an admin). GitHub compares logins without
// regard to case, and so do we.

/** Who else holds the login, if anyone (an MVP or a staff member other than `except`). */
export async function findGithubLoginHolder(tx: Tx, login: string, except: string): Promise<string | null> {
  const pattern = { equals: likeLiteral(login), mode: 'insensitive' as const };
  const mvp = await tx.mvpProfile.findFirst({
    where: { githubLogin: pattern, userId: { not: except } },
    select: { userId: true },
  });
  if (mvp) return mvp.userId;
  const staff = await tx.user.findFirst({ where: { githubLogin: pattern, id: { not: except } }, select: { id: true } });
  return staff?.id ?? null;
}

/**
 * Makes the issues the login opened directly on GitHub, imported before anyone held it, the
 * person's: from the moment they were opened. `asCustomer` for an MVP (their finds count as
 * customer finds); staff's stay internal. Reports already someone's are left as they are, so a
 * login changed or unlinked later keeps the history.
 */
export async function attributeGithubReports(
  tx: Tx,
  options: { userId: string; login: string; asCustomer: boolean },
): Promise<number> {
  const { userId, login } = options;
  return options.asCustomer
    ? tx.$executeRaw`
        update "Report" set source = 'customer', "reporterId" = ${userId}::uuid
        where "reporterId" is null and source = 'internal' and lower("reporterLogin") = lower(${login})`
    : tx.$executeRaw`
        update "Report" set "reporterId" = ${userId}::uuid
        where "reporterId" is null and lower("reporterLogin") = lower(${login})`;
}

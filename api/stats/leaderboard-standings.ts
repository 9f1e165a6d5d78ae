import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { clusterCtes, queryStats } from './cluster-sql.ts';
import { type BadgeId, leaderboardWeights } from './stats.schemas.ts';

export type StandingRow = {
  /** null: the whole scope (a program, or the one release asked for); else one release of the program. */
  releaseId: string | null;
  userId: string;
  handle: string | null;
  showOnLeaderboard: boolean;
  score: number;
  finds: number;
  coFinds: number;
  customerOnlyFinds: number;
  rank: number;
  ranked: number;
  badges: BadgeId[];
};

type Row = Omit<StandingRow, 'badges'> & { whole: number };

export function badgesOf(standing: { finds: number; customerOnlyFinds: number }): BadgeId[] {
  const badges: BadgeId[] = [];
  if (standing.finds >= 1) badges.push('first_priority_find');
  if (standing.finds >= 5) badges.push('five_priority_finds');
  if (standing.customerOnlyFinds >= 1) badges.push('customer_only_find');
  return badges;
}

/**
 * Every customer's standing over the priority actionable clusters in scope: per cluster a person
 * counts once, as finder (the cluster's first entry is theirs) or else as co-finder. Scores weigh
 * finds and co-finds (leaderboardWeights, where co-finds weigh nothing); equal scores share a rank,
 * and `ranked` counts the customers with a score, the only ones a board shows. With `perRelease`, the
 * standings within each release of the program come along in the same statement.
 */
export async function readStandings(
  prisma: PrismaClient,
  scope: { programId: string; releaseId: string | null; perRelease?: boolean },
): Promise<StandingRow[]> {
  const groups = scope.perRelease ? Prisma.sql`grouping sets ((user_id), (release_id, user_id))` : Prisma.sql`user_id`;
  const rows = await queryStats<Row[]>(
    prisma,
    Prisma.sql`${clusterCtes({ ...scope, scope: 'priority' })},
    credit as (
      select c.id, c.release_id, e.user_id,
             bool_or(e.kind = c.finder_kind and e.entry_id = c.finder_entry_id) as is_finder,
             bool_and(c.customer_only) as customer_only
      from entry e
      join cluster c on c.id = e.root
      where e.source = 'customer' and e.user_id is not null
      group by c.id, c.release_id, e.user_id
    ),
    person as (
      select ${scope.perRelease ? Prisma.sql`grouping(release_id)` : Prisma.sql`1`} as whole,
             ${scope.perRelease ? Prisma.sql`release_id` : Prisma.sql`null::uuid`} as release_id, user_id,
             (count(*) filter (where is_finder))::int as finds,
             (count(*) filter (where not is_finder))::int as co_finds,
             (count(*) filter (where is_finder and customer_only))::int as customer_only_finds
      from credit
      group by ${groups}
    ),
    scored as (
      select *, (finds * ${leaderboardWeights.finder} + co_finds * ${leaderboardWeights.coFinder})::int as score
      from person
    )
    select s.whole::int as whole, s.release_id::text as "releaseId", s.user_id::text as "userId",
           mp.handle, coalesce(mp."showOnLeaderboard", true) as "showOnLeaderboard",
           s.score, s.finds, s.co_finds as "coFinds", s.customer_only_finds as "customerOnlyFinds",
           (rank() over (partition by s.whole, s.release_id order by s.score desc))::int as rank,
           (count(*) filter (where s.score > 0) over (partition by s.whole, s.release_id))::int as ranked
    from scored s
    left join "MvpProfile" mp on mp."userId" = s.user_id
    order by s.whole desc, s.release_id, rank, s.finds desc, s.user_id`,
  );
  return rows.map(({ whole, ...row }) => ({
    ...row,
    releaseId: whole ? null : row.releaseId,
    badges: badgesOf(row),
  }));
}

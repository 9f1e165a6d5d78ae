import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { type ClusterFilter, clusterCtes, queryStats, storedClusterCtes } from './cluster-sql.ts';
import type { Cluster, ClusterListQuery, ClusterMember } from './stats.schemas.ts';

type ClusterRow = {
  id: string;
  title: string;
  release_id: string;
  release_version: string;
  level: string | null;
  counts_as_priority: boolean;
  actionable: boolean;
  component: string | null;
  status: Cluster['status'];
  finder_source: Cluster['finderSource'];
  finder: string;
  found_at: Date;
  members: number;
  customer_members: number;
  internal_members: number;
  customer_only: boolean;
  triaged_at: Date | null;
  fixed_at: Date | null;
  issue_url: string | null;
};

type MemberRow = {
  root: string;
  is_canonical: boolean;
  kind: number;
  report_id: string;
  title: string;
  status: ClusterMember['status'];
  source: ClusterMember['person']['source'];
  person: string;
  at: Date;
  finder: boolean;
};

// Who a member is, to staff reading the list: an MVP only by handle (never name or e-mail), an
// issue opened on GitHub by its author's login, a staff member by name.
const personLabel = (user: string, report: string) =>
  Prisma.raw(`case when ${user}.id is null then coalesce(${report}."reporterLogin", 'someone on GitHub')
     when ${user}.role = 'mvp' then coalesce(mp_${user}.handle, 'an MVP')
     else ${user}.name end`);

/** The filter of the cluster CTEs for the list's query: each figure of the dashboard maps to one. */
export function clusterFilterOf(programId: string, query: ClusterListQuery): ClusterFilter {
  return {
    programId,
    releaseId: query.releaseId ?? null,
    scope: query.scope === 'all' ? 'all' : query.level !== undefined ? 'labelled' : 'priority',
    level: query.level,
    component: query.withoutComponent ? null : query.component,
  };
}

/**
 * The clusters behind a figure, newest canonical report first, with their member reports; for
 * CSV every matching cluster without members (the export lists them as counts).
 */
export async function listClusters(options: {
  prisma: PrismaClient;
  programId: string;
  query: ClusterListQuery;
  all?: boolean;
}): Promise<{ items: Cluster[]; nextCursor: string | null }> {
  const { prisma, programId, query } = options;
  const program = await prisma.program.findUnique({ where: { id: programId }, select: { id: true } });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  if (query.releaseId) {
    const release = await prisma.release.findFirst({
      where: { id: query.releaseId, programId },
      select: { id: true },
    });
    if (!release) throw new AppError('not_found', { detail: 'No such release in this program.' });
  }
  const conditions: Prisma.Sql[] = [Prisma.sql`true`];
  if (query.finderSource) conditions.push(Prisma.sql`c.finder_source = ${query.finderSource}`);
  if (query.customerOnly !== undefined) conditions.push(Prisma.sql`c.customer_only = ${query.customerOnly}`);
  if (query.cursor && !options.all) conditions.push(Prisma.sql`c.id < ${query.cursor}::uuid`);
  const limit = options.all ? Prisma.empty : Prisma.sql`limit ${query.limit + 1}`;

  const rows = await queryStats<ClusterRow[]>(
    prisma,
    Prisma.sql`${storedClusterCtes(clusterFilterOf(programId, query))}
    select c.id::text, cr.title, c.release_id::text, rel.version as release_version, c.priority as level,
           c.counts_as_priority, c.actionable, c.component, c.status, c.finder_source,
           ${personLabel('u', 'fr')} as finder,
           c.found_at, c.members, c.customer_members, c.internal_members, c.customer_only,
           c.triaged_at, c.fixed_at, cr."issueUrl" as issue_url
    from cluster c
    join "Report" cr on cr.id = c.id
    join "Release" rel on rel.id = c.release_id
    left join "User" u on u.id = c.finder_user_id
    left join "MvpProfile" mp_u on mp_u."userId" = u.id
    left join "Report" fr on fr.id = c.finder_report_id
    where ${Prisma.join(conditions, ' and ')}
    order by c.id desc
    ${limit}`,
  );
  const page = options.all ? rows : rows.slice(0, query.limit);
  const members = options.all ? new Map<string, ClusterMember[]>() : await readMembers(prisma, programId, page);

  return {
    items: page.map((row) => ({
      canonicalId: row.id,
      title: row.title,
      releaseId: row.release_id,
      releaseVersion: row.release_version,
      level: row.level,
      countsAsPriority: row.counts_as_priority,
      actionable: row.actionable,
      component: row.component,
      status: row.status,
      finderSource: row.finder_source,
      finder: row.finder,
      foundAt: row.found_at.toISOString(),
      members: row.members,
      customerMembers: row.customer_members,
      internalMembers: row.internal_members,
      customerOnly: row.customer_only,
      triagedAt: row.triaged_at?.toISOString() ?? null,
      fixedAt: row.fixed_at?.toISOString() ?? null,
      issueUrl: row.issue_url,
      memberReports: members.get(row.id) ?? [],
    })),
    nextCursor: !options.all && rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The members of a page of clusters: reports and "me too"s, the finder first, then by time. */
async function readMembers(
  prisma: PrismaClient,
  programId: string,
  page: ClusterRow[],
): Promise<Map<string, ClusterMember[]>> {
  if (!page.length) return new Map();
  const rows = await queryStats<MemberRow[]>(
    prisma,
    Prisma.sql`${clusterCtes({
      programId,
      scope: 'all',
      canonicalIds: page.map((row) => row.id),
    })}
    select e.root::text, r."duplicateOfId" is null as is_canonical, e.kind, e.report_id::text, r.title,
           r.status::text as status, e.source, ${personLabel('u', 'r')} as person, e.at,
           (e.kind = c.finder_kind and e.entry_id = c.finder_entry_id) as finder
    from entry e
    join cluster c on c.id = e.root
    join "Report" r on r.id = e.report_id
    left join "User" u on u.id = e.user_id
    left join "MvpProfile" mp_u on mp_u."userId" = u.id
    order by e.root, finder desc, e.at, e.kind, e.entry_id`,
  );
  const byRoot = new Map<string, ClusterMember[]>();
  for (const row of rows) {
    const list = byRoot.get(row.root) ?? [];
    list.push({
      kind: row.kind === 1 ? 'me_too' : row.is_canonical ? 'canonical' : 'duplicate',
      reportId: row.report_id,
      title: row.title,
      status: row.status,
      person: { label: row.person, source: row.source },
      createdAt: row.at.toISOString(),
      finder: row.finder,
    });
    byRoot.set(row.root, list);
  }
  return byRoot;
}

import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertReleaseVisible } from '../lib/release-access.ts';
import type { ReportSuggestion } from '../lib/report-schemas.ts';
import { reportSuggestionSelect, toReportSuggestion } from '../lib/report-view.ts';

/**
 * Reports of the release that look like what the reporter is typing, closest first, at most five:
 * Postgres full-text search over each report's title and steps. The words typed are OR-ed (any one
 * shared stem is a match) and ts_rank orders by how many are shared and how often, relative to the
 * report's length. Only a public summary comes back (lib/report-schemas.ts, ReportSuggestion): an MVP
 * sees another customer's title and status, never the rest.
 */
export async function findSimilarReports(options: {
  prisma: PrismaClient;
  user: SessionUser;
  releaseId: string;
  title: string;
  steps?: string | undefined;
}): Promise<ReportSuggestion[]> {
  const { prisma, user, releaseId } = options;
  const { programId } = await assertReleaseVisible(prisma, user, releaseId);
  // Internal reports carry the vendor's words; customers are offered them only where the program says so.
  const customersOnly =
    user.role === 'mvp' &&
    !(await prisma.program.findUniqueOrThrow({ where: { id: programId }, select: { suggestInternalReports: true } }))
      .suggestInternalReports;
  const text = `${options.title} ${options.steps ?? ''}`;
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  // plainto_tsquery reads any text safely (stems, drops stop words, quotes each lexeme) and joins
  // the lexemes with &; its text form is turned into an OR. Only parameters reach the database.
  // Documents are kept up to date by a trigger in "ReportSearch" (migration report_search), so
  // nothing is parsed per report at query time.
  const ranked = await prisma.$queryRaw<{ id: string }[]>`
    with words as (select replace(plainto_tsquery('english', ${text})::text, ' & ', ' | ')::tsquery as query)
    select s."reportId" as id
    from "ReportSearch" s
    cross join words w
    join "Report" r on r.id = s."reportId"
    where s."releaseId" = ${releaseId}::uuid and s.document @@ w.query
      and (not ${customersOnly}::boolean or r.source = 'customer')
    order by ts_rank(s.document, w.query, 1) desc, s."reportId" desc
    limit 5`;
  if (!ranked.length) return [];
  const rows = await prisma.report.findMany({
    where: { id: { in: ranked.map((row) => row.id) } },
    select: reportSuggestionSelect(user.id),
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [toReportSuggestion(row, user.id)] : [];
  });
}

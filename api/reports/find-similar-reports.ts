import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertReleaseVisible } from '../lib/release-access.ts';
import { reportSuggestionSelect, toReportSuggestion } from './report-view.ts';
import type { ReportSuggestion } from './reports.schemas.ts';

/**
 * Reports of the release that look like what the reporter is typing, closest first, at most five:
 * Postgres full-text search over each report's title and steps. The words typed are OR-ed (any one
 * shared stem is a match) and ts_rank orders by how many are shared and how often, relative to the
 * report's length. Only safe fields come back: an MVP sees another customer's title, never the rest.
 */
export async function findSimilarReports(options: {
  prisma: PrismaClient;
  user: SessionUser;
  releaseId: string;
  title: string;
  steps?: string | undefined;
}): Promise<ReportSuggestion[]> {
  const { prisma, user, releaseId } = options;
  await assertReleaseVisible(prisma, user, releaseId);
  const text = `${options.title} ${options.steps ?? ''}`;
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  // plainto_tsquery reads any text safely (stems, drops stop words, quotes each lexeme) and joins
  // the lexemes with &; its text form is turned into an OR. Only parameters reach the database.
  // Each report's document is computed once (materialized), not once to match and again to rank.
  const ranked = await prisma.$queryRaw<{ id: string }[]>`
    with words as (select replace(plainto_tsquery('english', ${text})::text, ' & ', ' | ')::tsquery as query),
    documents as materialized (
      select r.id, to_tsvector('english', r.title || ' ' || r.steps) as document
      from "Report" r
      where r."releaseId" = ${releaseId}::uuid
    )
    select d.id
    from documents d, words w
    where d.document @@ w.query
    order by ts_rank(d.document, w.query, 1) desc, d.id desc
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

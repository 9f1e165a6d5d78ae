import type { Cluster } from './stats.schemas.ts';

const columns: [string, (cluster: Cluster) => string | number | boolean | null][] = [
  ['canonical_report_id', (c) => c.canonicalId],
  ['title', (c) => c.title],
  ['release', (c) => c.releaseVersion],
  ['level', (c) => c.level],
  ['component', (c) => c.component],
  ['finder_source', (c) => c.finderSource],
  ['finder', (c) => c.finder],
  ['members', (c) => c.members],
  ['customer_members', (c) => c.customerMembers],
  ['internal_members', (c) => c.internalMembers],
  ['customer_only', (c) => c.customerOnly],
  ['issue_url', (c) => c.issueUrl],
];

/**
 * One RFC 4180 field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start: titles are typed by anyone) gets a leading apostrophe, as OWASP advises for CSV exports.
 */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The clusters as CSV (RFC 4180: CRLF line ends, a header row, quotes only where needed). */
export function clustersCsv(clusters: Cluster[]): string {
  const lines = [columns.map(([name]) => name).join(',')];
  for (const cluster of clusters) lines.push(columns.map(([, read]) => field(read(cluster))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

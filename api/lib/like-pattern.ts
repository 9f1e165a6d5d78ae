/**
 * Prisma turns `contains`, `startsWith`, `endsWith` and case-insensitive `equals` into LIKE or ILIKE
 * and hands the text over as the pattern without escaping it (prisma/prisma#19506): `%` and `_`
 * would match anything, and a trailing `\` makes PostgreSQL fail the query. Passed through this,
 * text matches only itself (PostgreSQL's default escape character is `\`).
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

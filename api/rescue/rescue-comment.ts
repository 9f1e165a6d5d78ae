import type { RescueEvidence, RescueReproduction } from './rescue.schemas.ts';

const maxQuoted = 10;
const excerptLength = 200;

const statusWords: Record<string, string> = {
  not_planned: 'closed as not planned',
  synced: 'open without a priority',
  needs_info: 'open without a priority, waiting for information',
};

const kindWords: Record<RescueReproduction['kind'], string> = {
  me_too: 'said "me too"',
  duplicate: 'filed it again (closed as a duplicate)',
  still_broken: 'says a fix did not work',
};

/**
 * The summary engineering reads on the issue (Markdown): how many customers reproduced it, where,
 * and short excerpts of what they said, by handle only. The sync neutralises the whole text before
 * posting (mentions, issue references, closing keywords, HTML comments), and heads it with who
 * asks (api/github-sync/outbound/post-comment.ts); no customer reads it in the portal, since it quotes several.
 */
export function rescueCommentBody(evidence: RescueEvidence, statusBefore: string): string {
  const day = (iso: string) => iso.slice(0, 10);
  const lines = [
    `**${evidence.customers} customers** reproduced this in the last ${evidence.windowDays} days ` +
      `(${plural(evidence.reproductions, 'reproduction')}, the newest on ${day(evidence.newestAt)}), ` +
      `while the issue is ${statusWords[statusBefore] ?? statusBefore.replaceAll('_', ' ')}.`,
    '',
    '**Where**',
    '',
    ...evidence.environments.map((entry) => `- ${oneLine(environmentName(entry), 120)}: ${entry.count}`),
    '',
    '**What they said**',
    '',
    ...evidence.items.slice(0, maxQuoted).map((item) => {
      const said = oneLine(item.note, excerptLength);
      return `- **${oneLine(item.customer, 60)}** ${kindWords[item.kind]} on ${day(item.at)}${said ? `: “${said}”` : ''}`;
    }),
  ];
  const more = evidence.items.length - maxQuoted;
  if (more > 0) lines.push(`- …and ${plural(more, 'more reproduction')}, listed in Fieldtest.`);
  lines.push('', 'Please take another look: the reports and their files are in Fieldtest.');
  return lines.join('\n');
}

export function environmentName(entry: { os: string | null; browser: string | null; build: string | null }): string {
  const parts = [entry.os, entry.browser, entry.build ? `build ${entry.build}` : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'environment not given';
}

/** One line of at most `max` characters: whitespace collapsed, Markdown's line-level syntax kept inert. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

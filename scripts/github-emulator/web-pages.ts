import type { Emulator } from './emulator.ts';

/**
 * A bare page at an issue's html_url, so the "open on GitHub" links in an offline demo lead
 * somewhere. Not GitHub's UI: title, state, labels, body and comments as plain text.
 */
const issuePage = /^\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<number>\d+)$/;

export function renderWebPage(emulator: Emulator, path: string): string | null {
  const match = issuePage.exec(path);
  if (!match?.groups || match.groups.owner === 'repos') return null;
  const repo = emulator.store.findRepo(match.groups.owner ?? '', match.groups.repo ?? '');
  const issue = repo?.issues.get(Number(match.groups.number));
  if (!repo || !issue) return null;
  if (issue.deletedAt !== null) return page('Deleted', '<p>This issue has been deleted.</p>');
  if (issue.transferredTo) {
    const moved = issue.transferredTo;
    const href = `/${moved.repo.owner}/${moved.repo.name}/issues/${moved.number}`;
    return page('Moved', `<p>This issue was moved to <a href="${href}">${escapeHtml(href)}</a>.</p>`);
  }
  const comments = emulator.store
    .commentsOf(issue)
    .map((comment) => `<h3>${escapeHtml(comment.user)}</h3><pre>${escapeHtml(comment.body)}</pre>`)
    .join('');
  return page(
    `${issue.title} #${issue.number}`,
    `<h1>${escapeHtml(issue.title)} <small>#${issue.number}</small></h1>
<p>${issue.state}${issue.stateReason ? ` (${issue.stateReason})` : ''} · opened by ${escapeHtml(issue.user)} in ${escapeHtml(`${repo.owner}/${repo.name}`)}</p>
<p>Labels: ${issue.labels.map(escapeHtml).join(', ') || 'none'}</p>
<pre>${escapeHtml(issue.body ?? '')}</pre>${comments}`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} · GitHub emulator</title>
<style>body{font:15px system-ui;max-width:50rem;margin:2rem auto}pre{white-space:pre-wrap;background:#f6f8fa;padding:1rem}</style>
</head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

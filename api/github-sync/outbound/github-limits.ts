// What GitHub refuses with 422 "is too long": an issue title over 256 characters, an issue or
// comment body over 65,536. Fieldtest's own limits keep what people type within them, but text is
// longer on GitHub than in the portal (neutralising adds a character per mention or reference, and
// the body gathers every field), so whatever is sent is fitted here: never dead-lettered for size,
// shortened with a link to the whole in the portal. Lengths are counted in UTF-16 units, never
// fewer than the characters GitHub counts, so a fitted text is always accepted.

export const githubTitleLimit = 256;
export const githubBodyLimit = 65_536;

/** Cuts text to at most `max` units, never inside a surrogate pair, ending with "…" when cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function fitTitle(title: string): string {
  return cutText(title, githubTitleLimit);
}

/**
 * Budgets for several texts that must share `total` units: short texts keep all they have, the
 * longest are cut to equal shares of what remains.
 */
export function shareBudget(lengths: number[], total: number): number[] {
  const budgets = lengths.map(() => 0);
  let remaining = Math.max(0, total);
  const order = lengths.map((length, index) => ({ length, index })).sort((a, b) => a.length - b.length);
  order.forEach(({ length, index }, position) => {
    const share = Math.floor(remaining / (order.length - position));
    budgets[index] = Math.min(length, share);
    remaining -= budgets[index]!;
  });
  return budgets;
}

/** The line that says a text on GitHub was shortened, and where the whole of it is. */
export function shortenedNotice(what: string, url: string): string {
  return `> This ${what} is longer than GitHub allows, so it is shortened here. The whole of it is in Fieldtest: ${url}`;
}

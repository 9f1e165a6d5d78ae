import type { FieldErrors } from './form.tsx';

// Lists (components, focus areas, platforms…) are typed as text: one item a line, or separated by
// commas where items are short. Blank items are dropped, so a trailing comma or empty line is fine.

export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function splitCommas(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The errors of a list's items (`components.2`, `priorityLabels.0.label`…), and of the list itself,
 * as one message for the field that holds the whole list; each item's message names the item.
 */
export function listFieldError(errors: FieldErrors, name: string, items: readonly string[] = []): string | undefined {
  const messages: string[] = [];
  for (const [path, message] of Object.entries(errors)) {
    if (path === name) messages.push(message);
    else if (path.startsWith(`${name}.`)) {
      const index = Number(path.slice(name.length + 1).split('.')[0]);
      const item = items[index];
      messages.push(item === undefined ? message : `“${item}”: ${message}`);
    }
  }
  return messages.length ? messages.join(' ') : undefined;
}

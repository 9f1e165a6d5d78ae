import type { FieldError } from './app-error.ts';

/** Culprits reported at most, so that a body full of them cannot make the answer grow with it. */
const maxReported = 20;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What PostgreSQL cannot store in text or jsonb though JSON and URLs can carry it: U+0000, and a
 * UTF-16 surrogate without its pair (a string cut in the middle of an emoji). Undefined when fine.
 */
export function textProblem(text: string, where = ''): string | undefined {
  const from = where && ` from ${where}`;
  if (text.includes('\u0000')) return `Remove the NUL character (U+0000)${from}`;
  if (loneSurrogate.test(text)) return `Remove the broken character (half of a UTF-16 surrogate pair)${from}`;
  return undefined;
}

/**
 * Every string in a validated request value (object keys included) that the database would refuse,
 * each reported at its path (`data.title`, `steps`, a query parameter's name), or at `location` for
 * the value itself. Iterative, so that no nesting can exhaust the stack. An upload is left to its
 * own checks: its name is a label cleaned of control characters (NUL among them) when stored, and
 * multipart decoding cannot yield a lone surrogate.
 */
export function unstorableText(value: unknown, location: string): FieldError[] {
  const found: FieldError[] = [];
  const report = (path: readonly (string | number)[], message: string) => {
    found.push({ field: path.length ? path.join('.') : location, message });
  };
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length && found.length < maxReported) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) report(path, problem);
      continue;
    }
    if (typeof current !== 'object' || current === null || current instanceof Blob) continue;
    const entries = Array.isArray(current) ? [...current.entries()] : Object.entries(current);
    // Reversed onto the stack, so that culprits are reported in the order they were sent.
    for (const [key, item] of entries.reverse()) {
      const itemPath = [...path, key];
      const problem = typeof key === 'string' ? textProblem(key, "the field's name") : undefined;
      if (problem) report(itemPath, problem);
      pending.push({ value: item, path: itemPath });
    }
  }
  return found.slice(0, maxReported);
}

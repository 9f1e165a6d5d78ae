import { awaitReadPermission, callGithub } from './github-call.ts';
import type { SyncJobContext } from './sync-job-context.ts';

type Page = { headers: Record<string, string | number | undefined>; data: unknown[] };

/**
 * Reads a paginated GitHub listing page by page, each read through the shared pacer's rules
 * (`callGithub`), and stops at the first item `visit` settles: a value found, or `null` when
 * nothing further can match. `undefined` reads on. The marker search of every unknown-outcome write.
 */
export async function searchGithubPages<Found>(
  context: SyncJobContext,
  iterable: AsyncIterable<Page>,
  visit: (item: unknown) => Found | null | undefined,
): Promise<Found | null> {
  await awaitReadPermission(context);
  const pages = iterable[Symbol.asyncIterator]();
  for (;;) {
    const page = await callGithub(context, async () => {
      const next = await pages.next();
      return next.done ? { headers: {}, data: null } : { headers: next.value.headers, data: next.value.data };
    });
    if (!page.data) return null;
    for (const item of page.data) {
      const settled = visit(item);
      if (settled !== undefined) return settled;
    }
  }
}

import type { z } from 'zod';
import { reportListQuery } from '#api/report-views/report-views.schemas.ts';

// The staff list's filters live in the URL, so a filtered list can be bookmarked, shared and
// reached again with the back button. They are read with the API's own query schema.

const filterSchema = reportListQuery.pick({
  releaseId: true,
  source: true,
  status: true,
  priority: true,
  component: true,
  q: true,
});

export type ReportFilters = z.output<typeof filterSchema>;

const filterKeys = Object.keys(filterSchema.shape) as (keyof ReportFilters)[];

/** The filters in a query string; a value the API would refuse (a mistyped link) is left out. */
export function filtersFromSearch(search: URLSearchParams): ReportFilters {
  const values: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = search.get(key)?.trim();
    if (value && filterSchema.shape[key].safeParse(value).success) values[key] = value;
  }
  return filterSchema.parse(values);
}

/** The query string for the filters; empty ones are left out. */
export function searchFromFilters(filters: ReportFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key]?.trim();
    if (value) search.set(key, value);
  }
  return search;
}

export function hasFilters(filters: ReportFilters): boolean {
  return filterKeys.some((key) => Boolean(filters[key]));
}

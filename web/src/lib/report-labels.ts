import type { ReportPerson } from '#api/report-views/report-views.schemas.ts';
import type { ReportSource, Severity } from '#api/reports/reports.schemas.ts';

// Words for a report's fields, shared by the report page and the staff list, like the statuses in
// report-status.tsx.

export const severityNames: Record<Severity, string> = {
  blocker: 'Blocker',
  major: 'Major',
  minor: 'Minor',
  cosmetic: 'Cosmetic',
};

export const sourceNames: Record<ReportSource, string> = { customer: 'Customer', internal: 'Internal' };

/** The environment fields the report form captures, in its order; other keys follow as they are. */
export const environmentLabels: Record<string, string> = {
  os: 'Operating system',
  browser: 'Browser',
  browserVersion: 'Browser version',
  screen: 'Screen',
  locale: 'Locale',
  timeZone: 'Time zone',
  device: 'Device',
  build: 'Build',
};

/** The non-empty entries of an environment, known fields first in the form's order. */
export function environmentEntries(
  environment: Record<string, string>,
): { key: string; label: string; value: string }[] {
  const known = Object.keys(environmentLabels);
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  return Object.entries(environment)
    .filter(([, value]) => value.trim() !== '')
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => ({ key, label: environmentLabels[key] ?? key, value }));
}

/** A person as the viewer may know them; staff also see a customer's public handle ("Casey (@casey)"). */
export function personLabel(person: ReportPerson): string {
  return person.handle && person.handle !== person.displayName
    ? `${person.displayName} (@${person.handle})`
    : person.displayName;
}

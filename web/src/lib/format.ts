const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment in the reader's own time zone and language, e.g. "26 Nov 2026, 14:05". */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A day in the reader's own time zone and language, e.g. "26 Nov 2026". */
export function formatDate(iso: string): string {
  return day.format(new Date(iso));
}

/** A test window, e.g. "2 Mar 2026, 09:00 – 16 Mar 2026, 18:00". */
export function formatWindow(start: string, end: string): string {
  return dateTime.formatRange(new Date(start), new Date(end));
}

/** "1 person", "3 people": counts read as words. */
export function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

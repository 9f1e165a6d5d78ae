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

const units = ['bytes', 'KB', 'MB', 'GB'] as const;

/** A file size as people read it: "840 bytes", "1.4 MB" (1 KB = 1,024 bytes, as the upload limits count). */
export function formatBytes(size: number): string {
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // One decimal under 10 ("1.4 MB"), none where it would be ".0" ("5 MB", "12 MB").
  const digits = unit === 0 || value >= 10 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

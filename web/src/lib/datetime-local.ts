// `<input type="datetime-local">` holds a wall-clock time without a zone ("2026-03-02T09:30"); the API
// wants an instant with its offset. The reader's own time zone joins the two.

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "2026-03-02T09:30" (local) → "2026-03-02T09:30:00+01:00"; '' stays '' (and fails the schema with its own message). */
export function fromDateTimeLocal(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${toDateTimeLocal(date)}:${pad(date.getSeconds())}${zone}`;
}

/** An instant as the reader's wall-clock time, for a datetime-local input. */
export function toDateTimeLocal(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

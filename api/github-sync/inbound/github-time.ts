/**
 * How far GitHub's clock and ours may drift apart. A time GitHub sends beyond now plus this is not
 * one GitHub's clock wrote: believed, an `updated_at` from next year would make every real change
 * until then look older, and be dropped.
 */
export const clockSkewMs = 5 * 60_000;

export function isBeyondNow(at: number, now = Date.now()): boolean {
  return at > now + clockSkewMs;
}

/**
 * A time GitHub sent, never after now: a creation time from the future would sort ahead of whatever
 * follows it. `notBefore` keeps it after what it answers: GitHub's times are whole seconds, so a
 * comment written within the second the report was filed would otherwise come before the filing.
 */
export function notAfterNow(iso: string, notBefore?: Date): Date {
  return new Date(Math.max(Math.min(Date.parse(iso), Date.now()), notBefore?.getTime() ?? Number.NEGATIVE_INFINITY));
}

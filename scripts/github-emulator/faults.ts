/**
 * Faults injected into the next matching REST requests (never into /_emulator): an error status,
 * a connection reset before or after the write, a slow answer, or a rate limit GitHub imposes
 * without the client having earned it.
 */
export type FaultKind =
  | 'status'
  | 'reset_after_write'
  | 'reset_before_write'
  | 'slow'
  | 'secondary_limit'
  | 'primary_limit';

export type FaultSpec = {
  method?: string;
  /** A regular expression tested against the request's path (without the query). */
  path?: string;
  kind: FaultKind;
  /** For `status` (default 500) and the limits (default 403; 429 is also what GitHub may send). */
  status?: number;
  /** For `slow`: how long to wait before answering (after the write). */
  delayMs?: number;
  /**
   * For `secondary_limit`: the retry-after header in seconds (sent as given); null sends none.
   * Default: a scaled minute. For `primary_limit`: seconds until x-ratelimit-reset (default a
   * scaled minute).
   */
  retryAfter?: number | null;
  /** How many matching requests it affects (default 1). */
  times?: number;
};

type ActiveFault = FaultSpec & { pattern: RegExp | null; remaining: number };

const kinds: FaultKind[] = [
  'status',
  'reset_after_write',
  'reset_before_write',
  'slow',
  'secondary_limit',
  'primary_limit',
];

export class Faults {
  private active: ActiveFault[] = [];

  /** Validates and queues faults; returns an error message for a bad spec. */
  add(specs: unknown): string | null {
    const list = Array.isArray(specs) ? specs : [specs];
    const parsed: ActiveFault[] = [];
    for (const spec of list) {
      if (!spec || typeof spec !== 'object') return 'each fault must be an object';
      const fault = spec as FaultSpec;
      if (!kinds.includes(fault.kind)) return `kind must be one of ${kinds.join(', ')}`;
      let pattern: RegExp | null = null;
      if (fault.path !== undefined) {
        try {
          pattern = new RegExp(fault.path);
        } catch {
          return `path is not a regular expression: ${fault.path}`;
        }
      }
      parsed.push({ ...fault, pattern, remaining: fault.times ?? 1 });
    }
    this.active.push(...parsed);
    return null;
  }

  clear(): void {
    this.active = [];
  }

  list(): FaultSpec[] {
    return this.active.map(({ pattern: _pattern, remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  /** Takes the first fault matching the request, using up one of its times. */
  take(method: string, path: string): FaultSpec | null {
    const index = this.active.findIndex(
      (fault) =>
        (!fault.method || fault.method.toUpperCase() === method) && (!fault.pattern || fault.pattern.test(path)),
    );
    if (index < 0) return null;
    const fault = this.active[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.active.splice(index, 1);
    const { pattern: _pattern, remaining: _remaining, ...spec } = fault;
    return spec;
  }
}

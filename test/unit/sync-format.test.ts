import { describe, expect, it } from 'vitest';
import { reconciliationError } from '../../web/src/features/sync-health/sync-format.ts';

// Sync health shows reconciliation's last error as the state of things only until a run succeeds.

describe('reconciliationError', () => {
  it('is current while no run has succeeded since it', () => {
    expect(
      reconciliationError({
        lastError: 'GitHub answered 502',
        lastErrorAt: '2026-12-06T10:00:00.000Z',
        lastSuccessAt: '2026-12-06T09:00:00.000Z',
      }),
    ).toEqual({ text: 'GitHub answered 502', at: '2026-12-06T10:00:00.000Z', recovered: false });
    expect(reconciliationError({ lastError: 'timeout', lastErrorAt: null, lastSuccessAt: null })?.recovered).toBe(
      false,
    );
  });

  it('is recovered once a later run succeeded', () => {
    expect(
      reconciliationError({
        lastError: 'GitHub answered 502',
        lastErrorAt: '2026-12-06T10:00:00.000Z',
        lastSuccessAt: '2026-12-06T10:05:00.000Z',
      })?.recovered,
    ).toBe(true);
  });

  it('is nothing when there was no error', () => {
    expect(reconciliationError({ lastError: null, lastErrorAt: null, lastSuccessAt: '2026-12-06T10:05:00.000Z' })).toBe(
      null,
    );
  });
});

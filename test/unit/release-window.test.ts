import { describe, expect, it } from 'vitest';
import { releaseAcceptsReports } from '../../api/lib/release-accepts-reports.ts';

const testStart = new Date('2026-03-01T09:00:00Z');
const testEnd = new Date('2026-03-29T17:00:00Z');
const during = new Date('2026-03-10T12:00:00Z');

describe('whether a release accepts bug reports', () => {
  it('accepts them while testing, inside the window', () => {
    expect(releaseAcceptsReports({ status: 'testing', testStart, testEnd }, during)).toEqual({ ok: true });
  });

  it('accepts them from the first moment of the window', () => {
    expect(releaseAcceptsReports({ status: 'testing', testStart, testEnd }, testStart)).toEqual({ ok: true });
  });

  it('refuses them before testing has started, even inside the window', () => {
    const result = releaseAcceptsReports({ status: 'planned', testStart, testEnd }, during);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/not in testing yet/) });
  });

  it('refuses them once the release has shipped, even inside the window', () => {
    const result = releaseAcceptsReports({ status: 'shipped', testStart, testEnd }, during);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/shipped/) });
  });

  it('says when the window opens, before it does', () => {
    const result = releaseAcceptsReports({ status: 'testing', testStart, testEnd }, new Date('2026-03-01T08:59:59Z'));
    expect(result).toEqual({ ok: false, reason: 'The test window opens at 2026-03-01T09:00:00.000Z.' });
  });

  it('says when the window closed, from its end on', () => {
    expect(releaseAcceptsReports({ status: 'testing', testStart, testEnd }, testEnd)).toEqual({
      ok: false,
      reason: 'The test window closed at 2026-03-29T17:00:00.000Z.',
    });
  });
});

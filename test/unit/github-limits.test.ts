import { describe, expect, it } from 'vitest';
import { findReportMarker, reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { cutText, fitTitle, githubBodyLimit, shareBudget } from '../../api/github-sync/outbound/github-limits.ts';
import { fitCommentBody } from '../../api/github-sync/outbound/post-comment.ts';
import { renderIssueBody } from '../../api/github-sync/outbound/render-issue-body.ts';

const reportId = '01900000-0000-7000-8000-0000000000bb';
const source = (text: { steps: string; expected: string; actual: string }) => ({
  id: reportId,
  ...text,
  severity: 'major',
  component: null,
  environment: { os: 'Windows 11', build: '2400' },
  releaseVersion: '2.4',
  releaseBuild: '2400',
  attachments: [{ fileName: 'trace.log' }],
  handle: 'quiet-otter',
  portalUrl: 'https://fieldtest.example',
});

describe('fitting text to what GitHub accepts', () => {
  it('cuts with an ellipsis, never inside a surrogate pair, and leaves short text alone', () => {
    expect(cutText('short', 10)).toBe('short');
    expect(cutText('abcdef', 4)).toBe('abc…');
    const cut = cutText('ab🐛cd', 4);
    expect(cut).toBe('ab…');
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(fitTitle('t'.repeat(300))).toHaveLength(256);
  });

  it('shares a budget: short texts keep everything, the longest are cut to equal shares', () => {
    expect(shareBudget([10, 1000, 5000], 2010)).toEqual([10, 1000, 1000]);
    expect(shareBudget([10, 20, 30], 100)).toEqual([10, 20, 30]);
    expect(shareBudget([500, 500], 0)).toEqual([0, 0]);
  });

  it('keeps a report that GitHub takes as it is', () => {
    const body = renderIssueBody(source({ steps: 'Open it', expected: 'Works', actual: 'Fails' }));
    expect(body).not.toContain('longer than GitHub allows');
  });

  it('shortens a report longer than GitHub takes, the longest part most, with a link and the marker last', () => {
    // Neutralising makes "#1" three characters: 60,000 of them are 90,000 on GitHub.
    const body = renderIssueBody(
      source({ steps: '#1'.repeat(30_000), expected: 'The dialog opens', actual: '@a'.repeat(15_000) }),
    );
    expect(body.length).toBeLessThanOrEqual(githubBodyLimit);
    expect(body.length).toBeGreaterThan(githubBodyLimit - 100);
    expect(body.startsWith('> This report is longer than GitHub allows')).toBe(true);
    expect(body).toContain(`https://fieldtest.example/reports/${reportId}`);
    expect(body).toContain('### Expected\n\nThe dialog opens\n');
    expect(body).toContain('| OS | Windows 11 |');
    expect(body.trimEnd().endsWith(reportMarker(reportId))).toBe(true);
    expect(findReportMarker(body)).toBe(reportId);
    const steps = body.slice(body.indexOf('### Steps'), body.indexOf('### Expected'));
    const actual = body.slice(body.indexOf('### Actual'), body.indexOf('### Environment'));
    expect(steps).toContain('…');
    expect(Math.abs(steps.length - actual.length)).toBeLessThan(50);
  });

  it('closes a code block the cut leaves open, so the rest of the body is not code', () => {
    const body = renderIssueBody(
      source({ steps: `\`\`\`\n${'log line\n'.repeat(9_000)}\`\`\``, expected: 'x'.repeat(10_000), actual: 'y' }),
      20_000,
    );
    expect(body.length).toBeLessThanOrEqual(20_000);
    const steps = body.slice(body.indexOf('### Steps'), body.indexOf('### Expected'));
    expect(steps.match(/^```/gm)).toHaveLength(2);
  });

  it('shortens a comment longer than GitHub takes, keeping its heading, files and marker', () => {
    const parts = {
      heading: '**quiet-otter** wrote in Fieldtest:',
      files: '- [trace.log](https://fieldtest.example/api/attachments/1)',
      marker: '<!-- fieldtest:comment 1 -->',
      reportUrl: `https://fieldtest.example/reports/${reportId}`,
    };
    expect(fitCommentBody({ ...parts, text: 'Fine.' })).not.toContain('longer than GitHub allows');
    const body = fitCommentBody({ ...parts, text: 'z'.repeat(5_000), limit: 1_000 });
    expect(body.length).toBeLessThanOrEqual(1_000);
    expect(body.startsWith(parts.heading)).toBe(true);
    expect(body).toContain('> This comment is longer than GitHub allows');
    expect(body).toContain(parts.files);
    expect(body.trimEnd().endsWith(parts.marker)).toBe(true);
  });
});

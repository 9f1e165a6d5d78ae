import { describe, expect, it } from 'vitest';
import { findReportMarker, reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { neutraliseGithubText } from '../../api/github-sync/outbound/neutralise-github-text.ts';
import { renderIssueBody } from '../../api/github-sync/outbound/render-issue-body.ts';

const zwsp = '\u200B';
// What GitHub reads as a mention, a reference or a closing keyword followed by a reference.
const mention = /(^|[^\w`])@[A-Za-z0-9]/;
const reference = /(^|[^\w])([\w.-]+\/[\w.-]+)?#\d|\bGH-\d/i;
const closing = /\b(close[sd]?|fix(e[sd])?|resolve[sd]?):?\s+(([\w.-]+\/[\w.-]+)?#|https?:\/\/\S+\/issues\/)\d/i;

describe('neutraliseGithubText', () => {
  it('breaks @mentions of people and teams', () => {
    const text = neutraliseGithubText('Ping @octocat and @acme/desktop-team, also (@x)');
    expect(text).not.toMatch(mention);
    expect(text).toBe(`Ping @${zwsp}octocat and @${zwsp}acme/desktop-team, also (@${zwsp}x)`);
  });

  it('breaks plain, cross-repository and GH- issue references', () => {
    const text = neutraliseGithubText('See #12, acme/desktop#7 and GH-3.');
    expect(text).not.toMatch(reference);
    expect(text.replaceAll(zwsp, '')).toBe('See #12, acme/desktop#7 and GH-3.');
  });

  it('breaks closing keywords followed by a reference, in every spelling', () => {
    for (const keyword of ['close', 'Closes', 'closed', 'fix', 'FIXES', 'fixed', 'resolve', 'resolves', 'Resolved']) {
      for (const target of ['#1', 'acme/desktop#22', 'https://github.com/acme/desktop/issues/5']) {
        const text = neutraliseGithubText(`This ${keyword}: ${target} for sure`);
        expect(text, `${keyword} ${target}`).not.toMatch(closing);
        expect(text.replaceAll(zwsp, '')).toBe(`This ${keyword}: ${target} for sure`);
      }
    }
  });

  it('breaks links to issues, pull requests and discussions on github.com, keeping the text', () => {
    const links = [
      'https://github.com/acme/desktop/issues/5',
      'http://www.github.com/acme/desktop/pull/17',
      'https://GitHub.com/acme/desktop.js/discussions/3',
    ];
    for (const link of links) {
      const text = neutraliseGithubText(`See ${link}.`);
      expect(text, link).not.toMatch(/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull|discussions)\/\d/i);
      expect(text.replaceAll(zwsp, '')).toBe(`See ${link}.`);
    }
    expect(neutraliseGithubText('https://github.com/acme/desktop/releases/tag/v2')).toBe(
      'https://github.com/acme/desktop/releases/tag/v2',
    );
  });

  it('leaves ordinary words, e-mail-free text and headings alone', () => {
    const text = '# Heading\nThe fix is easy; closed doors. Prefix 3 items.';
    expect(neutraliseGithubText(text)).toBe(text);
  });

  it('breaks HTML comments, so reporters cannot hide text or forge a marker', () => {
    const forged = reportMarker('01900000-0000-7000-8000-000000000001');
    const text = neutraliseGithubText(`before ${forged} after`);
    expect(findReportMarker(text)).toBeNull();
  });
});

describe('renderIssueBody', () => {
  const reportId = '01900000-0000-7000-8000-0000000000aa';
  const body = renderIssueBody({
    id: reportId,
    steps: '1. Open\n2. Ask @octocat, fixes #4',
    expected: 'It works',
    actual: 'It | breaks',
    severity: 'major',
    component: 'Editor',
    environment: { os: 'macOS 15', browser: 'Firefox', browserVersion: '140', screen: '1920x1080' },
    releaseVersion: '2.4',
    releaseBuild: '2400',
    attachments: [{ fileName: 'screen [1].png' }],
    handle: 'quiet-otter',
    portalUrl: 'https://fieldtest.example',
  });

  it('carries the report in sections, the handle, and the marker last', () => {
    expect(body).toContain('### Steps to reproduce');
    expect(body).toContain('### Expected\n\nIt works');
    expect(body).toContain('| OS | macOS 15 |');
    expect(body).toContain("**Severity (reporter's view):** major");
    expect(body).toContain('**Component:** Editor');
    expect(body).toContain('**Release:** 2.4 (build 2400)');
    expect(body).toContain('Filed in Fieldtest by **quiet-otter**');
    expect(body.trimEnd().endsWith(reportMarker(reportId))).toBe(true);
    expect(findReportMarker(body)).toBe(reportId);
  });

  it('links attachments to the portal and neutralises the reporter text', () => {
    expect(body).toContain(`- [screen \\[1\\].png](https://fieldtest.example/reports/${reportId})`);
    expect(body).not.toMatch(mention);
    expect(body).not.toMatch(closing);
  });
});

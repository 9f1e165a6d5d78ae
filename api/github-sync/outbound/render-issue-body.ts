import { reportMarker } from '../client/github.schemas.ts';
import { cutText, githubBodyLimit, shareBudget, shortenedNotice } from './github-limits.ts';
import { neutraliseGithubText } from './neutralise-github-text.ts';

export type IssueBodySource = {
  id: string;
  steps: string;
  expected: string;
  actual: string;
  severity: string | null;
  component: string | null;
  environment: unknown;
  releaseVersion: string;
  releaseBuild: string;
  attachments: { fileName: string }[];
  /** The reporter's public name on GitHub (see `publicHandle`), never their name or e-mail. */
  handle: string;
  /** The portal's origin (env.publicUrl). */
  portalUrl: string;
};

/** The environment's fields as engineering reads them on GitHub, in this order. */
export const environmentLabels: [key: string, label: string][] = [
  ['os', 'OS'],
  ['browser', 'Browser'],
  ['browserVersion', 'Browser version'],
  ['device', 'Device'],
  ['screen', 'Screen'],
  ['locale', 'Locale'],
  ['timeZone', 'Time zone'],
  ['build', 'Build'],
];

/**
 * The issue's body: the report as Markdown sections for engineering, the reporter's handle, links
 * back to the portal for attachments (files are served to signed-in people only), and the hidden
 * marker last, by which the sync recognises the issue as this report's twin. A report longer than
 * GitHub takes (`limit`) has its steps, expected and actual results shortened, the longest most,
 * under a line linking to the whole report in the portal.
 */
export function renderIssueBody(source: IssueBodySource, limit = githubBodyLimit): string {
  const text = (value: string) => neutraliseGithubText(value).trimEnd();
  const parts = [text(source.steps), text(source.expected), text(source.actual)] as const;
  const whole = composeIssueBody(source, parts, null);
  if (whole.length <= limit) return whole;
  const notice = shortenedNotice('report', `${source.portalUrl}/reports/${source.id}`);
  const rest = composeIssueBody(source, ['', '', ''], notice).length;
  const [steps = 0, expected = 0, actual = 0] = shareBudget(
    parts.map((part) => part.length),
    limit - rest - 3 * fenceEnd.length,
  );
  const cut = (part: string, budget: number) => closeCodeFence(cutText(part, budget));
  return composeIssueBody(source, [cut(parts[0], steps), cut(parts[1], expected), cut(parts[2], actual)], notice);
}

const fenceEnd = '\n```';

/** A text cut inside a fenced code block gets its fence closed, so what follows is not code. */
function closeCodeFence(text: string): string {
  const fences = text.match(/^ {0,3}(```|~~~)/gm)?.length ?? 0;
  return fences % 2 === 1 ? `${text}${fenceEnd}` : text;
}

function composeIssueBody(
  source: IssueBodySource,
  [steps, expected, actual]: readonly [string, string, string],
  notice: string | null,
): string {
  const cell = (value: string) =>
    neutraliseGithubText(value)
      .trimEnd()
      .replace(/\|/g, '\\|')
      .replace(/\s*\n\s*/g, ' ');
  const environment = (source.environment ?? {}) as Record<string, unknown>;
  const rows = environmentLabels
    .map(([key, label]) => [label, environment[key]] as const)
    .filter((row): row is readonly [string, string] => typeof row[1] === 'string' && row[1].trim() !== '')
    .map(([label, value]) => `| ${label} | ${cell(value)} |`);
  const details = [
    `**Release:** ${cell(source.releaseVersion)} (build ${cell(source.releaseBuild)})`,
    source.component ? `**Component:** ${cell(source.component)}` : null,
    source.severity ? `**Severity (reporter's view):** ${source.severity}` : null,
  ].filter((line) => line !== null);
  const sections = [
    ...(notice ? [notice] : []),
    `### Steps to reproduce\n\n${steps}`,
    `### Expected\n\n${expected}`,
    `### Actual\n\n${actual}`,
    `### Environment\n\n${rows.length ? `| | |\n| --- | --- |\n${rows.join('\n')}` : '_Not given._'}`,
    details.join('  \n'),
  ];
  if (source.attachments.length) {
    const link = `${source.portalUrl}/reports/${source.id}`;
    const files = source.attachments.map((file) => `- [${cell(file.fileName).replace(/[[\]]/g, '\\$&')}](${link})`);
    sections.push(`### Attachments\n\nIn Fieldtest (sign in to open):\n\n${files.join('\n')}`);
  }
  sections.push(`---\nFiled in Fieldtest by **${cell(source.handle)}**`);
  sections.push(reportMarker(source.id));
  return `${sections.join('\n\n')}\n`;
}

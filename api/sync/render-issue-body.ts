import { reportMarker } from '../github/github.schemas.ts';
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
 * marker last, by which the sync recognises the issue as this report's twin.
 */
export function renderIssueBody(source: IssueBodySource): string {
  const text = (value: string) => neutraliseGithubText(value).trimEnd();
  const cell = (value: string) =>
    text(value)
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
    `### Steps to reproduce\n\n${text(source.steps)}`,
    `### Expected\n\n${text(source.expected)}`,
    `### Actual\n\n${text(source.actual)}`,
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

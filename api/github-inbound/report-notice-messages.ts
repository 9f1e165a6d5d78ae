import type { OutgoingMessage } from '../mail/queue-message.ts';

// The e-mails that tell reporters what engineering did with their report, as plain text.

export type ReportForNotice = {
  id: string;
  title: string;
  program: { name: string; product: string };
};

type NoticeOptions = { to: string; name: string; report: ReportForNotice; publicUrl: string };

const reportUrl = (options: NoticeOptions) => `${options.publicUrl}/reports/${options.report.id}`;

function excerpt(text: string, limit = 1500): string {
  const trimmed = text.trim();
  return trimmed.length > limit ? `${trimmed.slice(0, limit)}…` : trimmed;
}

export function reportTriagedMessage(options: NoticeOptions & { priority: string }): OutgoingMessage {
  const { report } = options;
  return {
    to: options.to,
    kind: 'report-triaged',
    subject: `Your report is a priority for ${report.program.product}: ${report.title}`,
    text: [
      `Hello ${options.name},`,
      '',
      `Engineering has triaged the bug you reported to ${report.program.name} and gave it priority ${options.priority}:`,
      `"${report.title}"`,
      '',
      'Bugs like this one are what pre-release testing is for. Follow what becomes of it here:',
      reportUrl(options),
    ].join('\n'),
  };
}

export function reportFixedMessage(options: NoticeOptions): OutgoingMessage {
  const { report } = options;
  return {
    to: options.to,
    kind: 'report-fixed',
    subject: `Fixed: ${report.title}`,
    text: [
      `Hello ${options.name},`,
      '',
      `Engineering has fixed the bug you reported to ${report.program.name}:`,
      `"${report.title}"`,
      '',
      `The fix reaches you with a coming build of ${report.program.product}. If you still see the bug there, ` +
        'say so on the report:',
      reportUrl(options),
      '',
      'Thank you for finding it.',
    ].join('\n'),
  };
}

export function reportNeedsInfoMessage(
  options: NoticeOptions & { comment?: { author: string; body: string } },
): OutgoingMessage {
  const { report, comment } = options;
  return {
    to: options.to,
    kind: 'report-needs-info',
    subject: comment ? `Engineering wrote on your report: ${report.title}` : `More information needed: ${report.title}`,
    text: [
      `Hello ${options.name},`,
      '',
      comment
        ? `${comment.author} from engineering wrote on the bug you reported to ${report.program.name}, "${report.title}":`
        : `Engineering needs more information about the bug you reported to ${report.program.name}, "${report.title}".`,
      ...(comment
        ? [
            '',
            ...excerpt(comment.body)
              .split('\n')
              .map((line) => `> ${line}`),
          ]
        : []),
      '',
      'Answer on the report, in the portal:',
      reportUrl(options),
    ].join('\n'),
  };
}

import type { OutgoingMessage } from '../lib/queue-message.ts';

// The e-mails that tell finders what engineering did with a bug, as plain text. A co-finder or the
// finder of a duplicate reads only the report's public summary (its title), never another
// customer's text. A customer reads engineering as "Engineering", never a GitHub login (the issue
// is the vendor's workspace); staff see the login. Every one ends with where to choose them.

import type { FinderRole } from '../lib/report-finders.ts';

export type { FinderRole };
/** Customers and staff read the same notices, but for who wrote on GitHub and where they choose their e-mails. */
export type NoticeAudience = 'customer' | 'staff';

export function audienceOf(role: string): NoticeAudience {
  return role === 'mvp' ? 'customer' : 'staff';
}

/** Where a person chooses which notices they get: the MVP's profile, or staff's account page. */
export function noticePreferencesUrl(publicUrl: string, audience: NoticeAudience): string {
  return `${publicUrl}${audience === 'customer' ? '/profile' : '/account'}#notices`;
}

const choose = (preferencesUrl: string) => `Choose which e-mails you get: ${preferencesUrl}`;

export type ReportNotice =
  | { kind: 'triaged'; priority: string }
  | { kind: 'needs_info'; question?: { author: string; body: string } }
  | { kind: 'comment'; comment: { author: string; body: string } }
  | { kind: 'fixed'; build: string | null; verify: boolean }
  | { kind: 'verification'; build: string }
  | { kind: 'not_planned' }
  | { kind: 'duplicate' };

export type ReportForNotice = {
  id: string;
  title: string;
  program: { name: string; product: string };
};

type NoticeOptions = {
  to: string;
  name: string;
  role: FinderRole;
  audience: NoticeAudience;
  report: ReportForNotice;
  publicUrl: string;
  notice: ReportNotice;
};

function excerpt(text: string, limit = 1500): string {
  const trimmed = text.trim();
  return trimmed.length > limit ? `${trimmed.slice(0, limit)}…` : trimmed;
}

const quoted = (body: string) =>
  excerpt(body)
    .split('\n')
    .map((line) => `> ${line}`);

/** "the bug you reported", "the bug you found too", "the bug your report duplicates". */
function theBug(role: FinderRole): string {
  if (role === 'reporter') return 'the bug you reported';
  if (role === 'co-finder') return 'the bug you found too';
  return 'the bug your report turned out to duplicate';
}

/** The e-mail for one notice, and the one line a daily digest gives it. */
export function reportNoticeMessage(options: NoticeOptions): OutgoingMessage & { summary: string; url: string } {
  const { report, notice, role, audience } = options;
  const url = `${options.publicUrl}/reports/${report.id}`;
  const program = report.program.name;
  const hello = [`Hello ${options.name},`, ''];
  const title = `"${report.title}"`;
  const footer = ['', '--', choose(noticePreferencesUrl(options.publicUrl, audience))];
  const make = (kind: string, subject: string, summary: string, body: string[]) => ({
    to: options.to,
    kind,
    subject,
    summary,
    url,
    text: [...hello, ...body, ...footer].join('\n'),
  });
  const writer = (author: string) => (audience === 'staff' ? `${author} from engineering` : 'Engineering');
  switch (notice.kind) {
    case 'triaged':
      return make(
        'report-triaged',
        `Engineering gave priority ${notice.priority} to: ${report.title}`,
        `Triaged at ${notice.priority}: ${report.title}`,
        [
          `Engineering has triaged ${theBug(role)} in ${program} and gave it priority ${notice.priority}:`,
          title,
          '',
          'Follow what becomes of it here:',
          url,
        ],
      );
    case 'needs_info':
      return make(
        'report-needs-info',
        `More information needed: ${report.title}`,
        `Engineering needs more information: ${report.title}`,
        [
          `Engineering needs more information about ${theBug(role)} in ${program}, ${title}.`,
          ...(notice.question ? ['', `${writer(notice.question.author)} asked:`, ...quoted(notice.question.body)] : []),
          '',
          'Answer on the report, in the portal (you can attach files there):',
          url,
        ],
      );
    case 'comment':
      return make(
        'report-comment',
        `Engineering wrote on: ${report.title}`,
        `${writer(notice.comment.author)} wrote: ${report.title}`,
        [
          `${writer(notice.comment.author)} wrote on ${theBug(role)} in ${program}, ${title}:`,
          '',
          ...quoted(notice.comment.body),
          '',
          'Answer on the report, in the portal:',
          url,
        ],
      );
    case 'fixed':
      return make(
        'report-fixed',
        notice.verify ? `Fixed: is it fixed for you? ${report.title}` : `Fixed: ${report.title}`,
        `Fixed${notice.build ? ` in build ${notice.build}` : ''}: ${report.title}`,
        [
          `Engineering has fixed ${theBug(role)} in ${program}:`,
          title,
          '',
          notice.build
            ? `The fix is in build ${notice.build} of ${report.program.product}.`
            : `The fix reaches you with a coming build of ${report.program.product}.`,
          notice.verify
            ? 'Please try it there and tell us on the report whether it is fixed for you or still broken:'
            : 'If you still see the bug there, say so on the report:',
          url,
          '',
          'Thank you for finding it.',
        ],
      );
    case 'verification':
      return make(
        'report-verification',
        `Is it fixed for you? ${report.title}`,
        `Waiting for your check on build ${notice.build}: ${report.title}`,
        [
          `Engineering fixed ${theBug(role)} in ${program}, ${title}, in build ${notice.build}.`,
          'Your check is still open: tell us on the report whether it is fixed for you or still broken:',
          url,
        ],
      );
    case 'not_planned':
      return make('report-not-planned', `Not planned: ${report.title}`, `Closed as not planned: ${report.title}`, [
        `Engineering closed ${theBug(role)} in ${program} as not planned:`,
        title,
        '',
        'If it keeps getting in your way, say so on the report: what you tell us reaches the program lead.',
        url,
      ]);
    case 'duplicate':
      return make(
        'report-duplicate',
        `Same bug as another report: ${report.title}`,
        `Closed as a duplicate: ${report.title}`,
        [
          `Engineering found that ${theBug(role)} in ${program}, ${title}, is the same bug as another report.`,
          'Your report now follows that one: you are told when it is fixed. See its status here:',
          url,
        ],
      );
  }
}

export type DigestGroup = {
  /** The report's title, as its notices name it. */
  title: string;
  url: string;
  notices: { summary: string; at: Date }[];
};

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One e-mail gathering what a person chose to read once a day, grouped by report, oldest first. */
export function noticeDigestMessage(options: {
  to: string;
  name: string;
  audience: NoticeAudience;
  publicUrl: string;
  groups: DigestGroup[];
}): OutgoingMessage {
  const count = options.groups.reduce((sum, group) => sum + group.notices.length, 0);
  const bugs = options.groups.length;
  const updates = `${count} ${count === 1 ? 'update' : 'updates'}`;
  const onBugs = `${bugs} ${bugs === 1 ? 'bug' : 'bugs'}`;
  const lines = [
    `Hello ${options.name},`,
    '',
    `Here is what happened to the bugs you found, since your last digest: ${updates} on ${onBugs}.`,
  ];
  for (const group of options.groups) {
    lines.push('', `"${group.title}"`);
    for (const notice of group.notices) lines.push(`- ${when(notice.at)}: ${notice.summary}`);
    lines.push(`  ${group.url}`);
  }
  lines.push(
    '',
    '--',
    'You get these notices once a day, as you chose.',
    choose(noticePreferencesUrl(options.publicUrl, options.audience)),
  );
  return {
    to: options.to,
    kind: 'notice-digest',
    subject: `Your daily digest: ${updates} on ${onBugs}`,
    text: lines.join('\n'),
  };
}

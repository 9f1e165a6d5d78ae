import type { Prisma } from '../generated/prisma/client.ts';
import { type OutgoingMessage, queueMessage } from '../mail/queue-message.ts';
import { defaultNoticeDelivery, type NoticeKind } from './notices.schemas.ts';
import {
  audienceOf,
  type FinderRole,
  type NoticeAudience,
  type ReportNotice,
  reportNoticeMessage,
} from './report-notice-messages.ts';

type Tx = Prisma.TransactionClient;

export type NoticeSettings = { publicUrl: string; smtpConfigured: boolean };
export type { ReportNotice };

/** The preference each notice is filed under. */
export function noticeKindOf(notice: ReportNotice): NoticeKind {
  switch (notice.kind) {
    case 'triaged':
    case 'needs_info':
    case 'comment':
    case 'fixed':
    case 'verification':
      return notice.kind;
    case 'not_planned':
    case 'duplicate':
      return 'closed';
  }
}

type Recipient = { userId: string; email: string; name: string; role: FinderRole; audience: NoticeAudience };
type Person = { id: string; email: string; name: string; role: string; disabledAt: Date | null };
const personSelect = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

/**
 * Tells everyone who found the bug (the reporter, the co-finders and, with `duplicates`, the finders
 * of reports closed as its duplicates) in the caller's transaction, so a notice exists exactly when
 * the change it announces does. Each person gets it as they chose for its kind: an e-mail now, a
 * line in their daily digest, or nothing. `except` leaves out the person whose own act caused it.
 * Disabled accounts and issues opened on GitHub by people without an account have nobody to tell.
 * Returns how many people were told (at once or in a digest).
 */
export async function notifyFinders(
  tx: Tx,
  options: {
    settings: NoticeSettings;
    reportId: string;
    notice: ReportNotice;
    duplicates?: boolean;
    except?: string | null;
    /** Only these people (a verification request goes to those asked). */
    only?: string[];
  },
): Promise<number> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: options.reportId },
    select: {
      id: true,
      title: true,
      program: { select: { name: true, product: true } },
      reporter: { select: personSelect },
      finders: { select: { user: { select: personSelect } } },
      duplicates: {
        where: options.duplicates ? {} : { id: { in: [] } },
        select: {
          id: true,
          title: true,
          reporter: { select: personSelect },
          finders: { select: { user: { select: personSelect } } },
        },
      },
    },
  });
  const recipients = new Map<string, Recipient & { report: { id: string; title: string } }>();
  const add = (user: Person | null, role: FinderRole, about: { id: string; title: string }) => {
    if (!user || user.disabledAt || recipients.has(user.id) || user.id === options.except) return;
    if (options.only && !options.only.includes(user.id)) return;
    const audience = audienceOf(user.role);
    recipients.set(user.id, { userId: user.id, email: user.email, name: user.name, role, audience, report: about });
  };
  add(report.reporter, 'reporter', report);
  for (const finder of report.finders) add(finder.user, 'co-finder', report);
  // A duplicate's finders follow their own report, by its own title: the canonical one may be
  // another customer's, or staff's in the vendor's words.
  for (const duplicate of report.duplicates) {
    add(duplicate.reporter, 'duplicate', duplicate);
    for (const finder of duplicate.finders) add(finder.user, 'duplicate', duplicate);
  }
  if (recipients.size === 0) return 0;

  const kind = noticeKindOf(options.notice);
  const preferences = await tx.noticePreference.findMany({
    where: { userId: { in: [...recipients.keys()] }, kind },
    select: { userId: true, delivery: true },
  });
  const delivery = new Map(preferences.map((preference) => [preference.userId, preference.delivery]));
  let told = 0;
  for (const recipient of recipients.values()) {
    const chosen = delivery.get(recipient.userId) ?? defaultNoticeDelivery;
    if (chosen === 'off') continue;
    const message: OutgoingMessage & { summary: string; url: string } = reportNoticeMessage({
      to: recipient.email,
      name: recipient.name,
      role: recipient.role,
      audience: recipient.audience,
      report: { ...report, ...recipient.report },
      publicUrl: options.settings.publicUrl,
      notice: options.notice,
    });
    if (chosen === 'daily') {
      await tx.pendingNotice.create({
        data: {
          userId: recipient.userId,
          kind,
          reportId: recipient.report.id,
          summary: message.summary,
          url: message.url,
        },
        select: { id: true },
      });
    } else {
      const { summary: _summary, url: _url, ...mail } = message;
      await queueMessage(tx, { smtpConfigured: options.settings.smtpConfigured, message: mail });
    }
    told += 1;
  }
  return told;
}

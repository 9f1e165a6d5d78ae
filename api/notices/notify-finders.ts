import type { Prisma } from '../generated/prisma/client.ts';
import { type OutgoingMessage, queueMessage } from '../lib/queue-message.ts';
import { listReportFinders } from '../lib/report-finders.ts';
import { defaultNoticeDelivery, type NoticeKind } from './notices.schemas.ts';
import { audienceOf, type ReportNotice, reportNoticeMessage } from './report-notice-messages.ts';

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
    select: { id: true, title: true, program: { select: { name: true, product: true } } },
  });
  // A duplicate's finders follow their own report, by its own title: the canonical one may be
  // another customer's, or staff's in the vendor's words.
  const recipients = (
    await listReportFinders(tx, { reportId: options.reportId, duplicates: options.duplicates ?? false })
  ).filter((finder) => finder.user.id !== options.except && (!options.only || options.only.includes(finder.user.id)));
  if (recipients.length === 0) return 0;

  const kind = noticeKindOf(options.notice);
  const preferences = await tx.noticePreference.findMany({
    where: { userId: { in: recipients.map((recipient) => recipient.user.id) }, kind },
    select: { userId: true, delivery: true },
  });
  const delivery = new Map(preferences.map((preference) => [preference.userId, preference.delivery]));
  let told = 0;
  for (const recipient of recipients) {
    const chosen = delivery.get(recipient.user.id) ?? defaultNoticeDelivery;
    if (chosen === 'off') continue;
    const message: OutgoingMessage & { summary: string; url: string } = reportNoticeMessage({
      to: recipient.user.email,
      name: recipient.user.name,
      role: recipient.role,
      audience: audienceOf(recipient.user.role),
      report: { ...report, ...recipient.report },
      publicUrl: options.settings.publicUrl,
      notice: options.notice,
    });
    if (chosen === 'daily') {
      await tx.pendingNotice.create({
        data: {
          userId: recipient.user.id,
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

import { queueMessage } from '../mail/queue-message.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';
import {
  type ReportForNotice,
  reportFixedMessage,
  reportNeedsInfoMessage,
  reportTriagedMessage,
} from './report-notice-messages.ts';

export type ReportNotice =
  | { kind: 'triaged'; priority: string }
  | { kind: 'fixed' }
  | { kind: 'needs_info'; comment?: { author: string; body: string } };

/**
 * Queues a notice to the report's reporter in the caller's transaction, so it exists exactly when
 * the change it announces does (a rolled-back or replayed change sends nothing). Issues opened on
 * GitHub by someone without a portal account have nobody to tell.
 */
export async function notifyReporter(
  tx: Tx,
  options: { settings: InboundSettings; reportId: string; notice: ReportNotice },
): Promise<boolean> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: options.reportId },
    select: {
      id: true,
      title: true,
      program: { select: { name: true, product: true } },
      reporter: { select: { email: true, name: true, disabledAt: true } },
    },
  });
  const { reporter } = report;
  if (!reporter || reporter.disabledAt) return false;
  const base = {
    to: reporter.email,
    name: reporter.name,
    report: report satisfies ReportForNotice,
    publicUrl: options.settings.publicUrl,
  };
  const { notice } = options;
  const message =
    notice.kind === 'triaged'
      ? reportTriagedMessage({ ...base, priority: notice.priority })
      : notice.kind === 'fixed'
        ? reportFixedMessage(base)
        : reportNeedsInfoMessage({ ...base, comment: notice.comment });
  await queueMessage(tx, { smtpConfigured: options.settings.smtpConfigured, message });
  return true;
}

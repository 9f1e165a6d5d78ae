import { z } from '@hono/zod-openapi';

/** The kinds of notice a finder may get about a report, each with its own delivery preference. */
export const noticeKinds = ['triaged', 'needs_info', 'comment', 'fixed', 'closed', 'verification'] as const;
export const noticeKindSchema = z.enum(noticeKinds).meta({
  id: 'NoticeKind',
  description:
    'triaged: engineering gave the bug a priority; needs_info: engineering asks for more information; ' +
    'comment: engineering wrote on the report; fixed: the bug was fixed (or the one it duplicates was); ' +
    'closed: closed as not planned or as a duplicate; verification: a request to check a fix, and its reminders',
});
export type NoticeKind = z.infer<typeof noticeKindSchema>;

export const noticeDeliverySchema = z.enum(['immediate', 'daily', 'off']).meta({
  id: 'NoticeDelivery',
  description: 'immediate: an e-mail at once; daily: gathered into one digest a day; off: none',
});
export type NoticeDelivery = z.infer<typeof noticeDeliverySchema>;

import { z } from 'zod';

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

export const noticeDeliveries = ['immediate', 'daily', 'off'] as const;
export const noticeDeliverySchema = z.enum(noticeDeliveries, { error: 'Choose immediate, daily or off' }).meta({
  id: 'NoticeDelivery',
  description: 'immediate: an e-mail at once; daily: gathered into one digest a day; off: none',
});
export type NoticeDelivery = z.infer<typeof noticeDeliverySchema>;

/** What a person who never chose gets. */
export const defaultNoticeDelivery: NoticeDelivery = 'immediate';

export const noticePreferenceSchema = z
  .object({
    kind: noticeKindSchema,
    delivery: noticeDeliverySchema,
    label: z.string().meta({ description: 'A short name for the kind of notice' }),
    description: z.string().meta({ description: 'When this notice is sent' }),
  })
  .meta({ id: 'NoticePreference' });

export const noticePreferencesSchema = z
  .object({ items: z.array(noticePreferenceSchema).meta({ description: 'Every kind of notice, in a fixed order' }) })
  .meta({ id: 'NoticePreferences', description: "The signed-in person's choices, defaults filled in" });

// Each kind optional: a change names only the kinds it changes.
const deliveryByKind = Object.fromEntries(noticeKinds.map((kind) => [kind, noticeDeliverySchema.optional()])) as {
  [K in NoticeKind]: z.ZodOptional<typeof noticeDeliverySchema>;
};

export const updateNoticePreferencesBody = z
  .strictObject({
    preferences: z
      .strictObject(deliveryByKind, { error: 'Give an object of kinds of notice and their delivery' })
      .meta({ description: 'Kinds of notice not named keep their delivery' }),
  })
  .meta({ id: 'UpdateNoticePreferencesBody' });

export type NoticePreference = z.output<typeof noticePreferenceSchema>;
export type NoticePreferences = z.output<typeof noticePreferencesSchema>;
export type UpdateNoticePreferencesBody = z.input<typeof updateNoticePreferencesBody>;

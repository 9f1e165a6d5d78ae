import { z } from 'zod';
import { attachmentContentTypes } from '#api/attachments/attachments.schemas.ts';
import { severities } from '#api/reports/reports.schemas.ts';
import { newClientKey } from '../../lib/client-key.ts';

// The report form as typed, kept in two places: this browser's localStorage at every keystroke (a
// closed tab or a lost connection loses nothing) and the server (the same draft on another device).
// Both hold the same shape, stamped with the moment of the edit in it (not of the save, which comes
// later on the server): whichever copy holds the later edit wins when the form opens.

const text = z.string().catch('');

export const draftValuesSchema = z.object({
  releaseId: text,
  title: text,
  steps: text,
  expected: text,
  actual: text,
  severity: z.enum(severities).or(z.literal('')).catch(''),
  component: text,
  environment: z
    .object({
      os: text,
      browser: text,
      browserVersion: text,
      screen: text,
      locale: text,
      timeZone: text,
      device: text,
      build: text,
    })
    .catch({ os: '', browser: '', browserVersion: '', screen: '', locale: '', timeZone: '', device: '', build: '' }),
  attachments: z
    .array(
      z.object({
        id: z.uuid(),
        fileName: z.string(),
        contentType: z.enum(attachmentContentTypes),
        size: z.number(),
      }),
    )
    .catch([]),
  // One per report: a retried "File bug" sends the same key, so the report cannot be filed twice.
  clientKey: z
    .string()
    .min(8)
    .catch(() => newClientKey()),
});

export type DraftValues = z.output<typeof draftValuesSchema>;
export type DraftEnvironment = DraftValues['environment'];
export type DraftAttachment = DraftValues['attachments'][number];

export const storedDraftSchema = z.object({ values: draftValuesSchema, editedAt: z.iso.datetime() });
export type StoredDraft = z.output<typeof storedDraftSchema>;

export function emptyDraft(): DraftValues {
  return draftValuesSchema.parse({});
}

/** Whether there is anything worth keeping: opening the form alone makes no draft. */
export function hasContent(values: DraftValues): boolean {
  return (
    [values.title, values.steps, values.expected, values.actual].some((value) => value.trim() !== '') ||
    values.attachments.length > 0
  );
}

// Per person: someone else signing in on the same browser does not get this draft.
function storageKey(userId: string): string {
  return `fieldtest:report-draft:${userId}`;
}

/** What this browser kept, or null; anything unreadable (an older shape, a full disk) counts as nothing. */
export function readLocalDraft(userId: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    return raw ? storedDraftSchema.parse(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(userId: string, draft: StoredDraft): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(draft));
  } catch {
    // Storage full or forbidden (private mode): the server copy still has it.
  }
}

export function clearLocalDraft(userId: string): void {
  try {
    localStorage.removeItem(storageKey(userId));
  } catch {
    // Nothing to clear where storage is forbidden.
  }
}

/** The later of this browser's copy and the server's. */
export function newerDraft(local: StoredDraft | null, server: StoredDraft | null): StoredDraft | null {
  if (!local) return server;
  if (!server) return local;
  return Date.parse(server.editedAt) > Date.parse(local.editedAt) ? server : local;
}

import { z } from 'zod';
import { githubLoginSchema, githubRepoProblem } from '../lib/github-names.ts';

// Programs: one product's MVP program, its GitHub repository, how engineering's labels translate
// into priority and actionability, and its versioned terms. The portal's forms reuse these schemas.

export const defaultPriorityLevels = ['P0', 'P1', 'P2', 'P3'];
export const defaultPriorityThreshold = 'P1';
export const defaultNotActionableLabels = ['invalid', 'wontfix'];
export const stillBrokenActions = ['reopen', 'label'] as const;
/** What happens after filing, by default: answers, fix verification and rescue (the database's defaults too). */
export const defaultAfterFilingSettings: AfterFilingSettings = {
  clearNeedsInfoOnAnswer: true,
  stillBrokenAction: 'reopen',
  verifiedLabel: 'fieldtest: verified',
  stillBrokenLabel: 'fieldtest: still-broken',
  rescueLabel: 'fieldtest: rescue',
  fixedInLabelPrefix: 'fixed in: ',
  rescueThreshold: 3,
  rescueWindowDays: 14,
  verificationReminderDays: 3,
};

/** Each level is a label of its own; `priority: critical` and `priority: high` also mean P0 and P1. */
export function defaultPriorityLabels(levels: readonly string[]): PriorityLabel[] {
  const aliases: Record<string, string> = { P0: 'priority: critical', P1: 'priority: high' };
  return levels.flatMap((level) => {
    const alias = aliases[level];
    return alias
      ? [
          { label: level, level },
          { label: alias, level },
        ]
      : [{ label: level, level }];
  });
}

/** Items compared ignoring case (GitHub labels do); a repeat is reported at its own index. */
function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((value, index) => {
      const key = value.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `This ${what} is listed twice` });
      seen.add(key);
    });
  });
}

export const githubRepoSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = githubRepoProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'owner/name of the GitHub repository that reports sync to', example: 'acme/desktop' });

const programNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a name' })
  .max(120, { error: 'Use at most 120 characters' });
const productSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the product' })
  .max(120, { error: 'Use at most 120 characters' });
const levelSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a level' })
  .max(30, { error: 'Use at most 30 characters' });
// GitHub limits label names to 50 characters.
const labelSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a label' })
  .max(50, { error: 'GitHub labels have at most 50 characters' });
const componentSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a component' })
  .max(80, { error: 'Use at most 80 characters' });

export const termsTextSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the terms' })
  .max(50_000, { error: 'Use at most 50,000 characters' })
  .meta({ description: 'Plain text or Markdown; stored with its SHA-256' });

export const priorityLabelSchema = z
  .object({ label: labelSchema, level: levelSchema })
  .meta({ id: 'PriorityLabel', description: 'A GitHub label and the priority level it means' });

const priorityLevelsSchema = uniqueList(levelSchema, 'level')
  .min(1, { error: 'Name at least one level' })
  .max(10, { error: 'Use at most 10 levels' })
  .meta({ description: 'Highest first' });

const priorityLabelsSchema = z
  .array(priorityLabelSchema)
  .max(50, { error: 'Use at most 50 labels' })
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const key = entry.label.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [index, 'label'], message: 'This label is listed twice' });
      seen.add(key);
    });
  });

const notActionableLabelsSchema = uniqueList(labelSchema, 'label')
  .max(50, { error: 'Use at most 50 labels' })
  .meta({ description: 'Issues carrying one of these labels do not count as actionable' });

const githubCommentersSchema = uniqueList(githubLoginSchema, 'login')
  .max(100, { error: 'Use at most 100 logins' })
  .meta({
    description:
      "GitHub logins whose comments on the program's issues reach reporters (public, with an e-mail), besides " +
      "the repository's owners, members and collaborators; anyone else's comment stays a team note. Compared without case",
  });

const suggestInternalReportsSchema = z.boolean().meta({
  description:
    'Whether MVPs filing a bug are offered internal reports (filed by staff, or opened on GitHub) as similar reports to say "me too" to',
});

const afterFilingShape = {
  clearNeedsInfoOnAnswer: z.boolean().meta({
    description: "Whether a reporter's answer to a needs-info question takes the needs-info label off the issue",
  }),
  stillBrokenAction: z.enum(stillBrokenActions, { error: 'Choose reopen or label' }).meta({
    description:
      'What a "still broken" answer does to the closed issue besides its comment: reopen it, or only label it',
  }),
  verifiedLabel: labelSchema.meta({ description: 'Put on an issue whose finders confirm the fix' }),
  stillBrokenLabel: labelSchema.meta({ description: 'Put on an issue whose finders say the fix does not work' }),
  rescueLabel: labelSchema.meta({ description: 'Put on an issue a program lead sends back from the Rescue list' }),
  // Kept as typed (the default ends with a space); empty: no label names a build.
  fixedInLabelPrefix: z
    .string()
    .max(49, { error: 'GitHub labels have at most 50 characters, so the prefix at most 49' })
    .meta({ description: 'A label starting with it ("fixed in: 2.4.1-rc3") names the build that carries a fix' }),
  rescueThreshold: z
    .number({ error: 'Enter a number of customers' })
    .int({ error: 'Enter a whole number' })
    .min(1, { error: 'At least 1 customer' })
    .max(100, { error: 'At most 100 customers' })
    .meta({ description: 'Distinct customers who must reproduce a cluster for the Rescue list' }),
  rescueWindowDays: z
    .number({ error: 'Enter a number of days' })
    .int({ error: 'Enter a whole number' })
    .min(1, { error: 'At least 1 day' })
    .max(365, { error: 'At most 365 days' })
    .meta({ description: 'Within how many days before now the reproductions count' }),
  verificationReminderDays: z
    .number({ error: 'Enter a number of days' })
    .int({ error: 'Enter a whole number' })
    .min(0, { error: 'Enter 0 to send no reminder, or a number of days' })
    .max(60, { error: 'At most 60 days' })
    .meta({ description: 'Days after a verification request before its one reminder; 0: no reminder' }),
};

const componentsSchema = uniqueList(componentSchema, 'component')
  .max(100, { error: 'Use at most 100 components' })
  .meta({ description: 'The areas reporters choose from' });

type PriorityRules = {
  priorityLevels: string[];
  priorityLabels: PriorityLabel[];
  priorityThreshold: string;
  notActionableLabels: string[];
  verifiedLabel?: string;
  stillBrokenLabel?: string;
  rescueLabel?: string;
};

/** The rules that span fields; issues point at the field at fault, for the API and the portal's form alike. */
function checkPriorityRules(value: PriorityRules, ctx: z.RefinementCtx) {
  const levels = new Set(value.priorityLevels);
  const levelList = value.priorityLevels.join(', ');
  value.priorityLabels.forEach((entry, index) => {
    if (!levels.has(entry.level))
      ctx.addIssue({
        code: 'custom',
        path: ['priorityLabels', index, 'level'],
        message: `Choose one of the priority levels (${levelList})`,
      });
  });
  if (!levels.has(value.priorityThreshold))
    ctx.addIssue({
      code: 'custom',
      path: ['priorityThreshold'],
      message: `Choose one of the priority levels (${levelList})`,
    });
  const priorityLabels = new Set(value.priorityLabels.map((entry) => entry.label.toLowerCase()));
  value.notActionableLabels.forEach((label, index) => {
    if (priorityLabels.has(label.toLowerCase()))
      ctx.addIssue({
        code: 'custom',
        path: ['notActionableLabels', index],
        message: 'This label already means a priority level',
      });
  });
  // Fieldtest puts these on issues itself: one meaning a level would triage the bug on engineering's behalf.
  const notActionable = new Set(value.notActionableLabels.map((label) => label.toLowerCase()));
  for (const field of ['verifiedLabel', 'stillBrokenLabel', 'rescueLabel'] as const) {
    const label = value[field]?.toLowerCase();
    if (label === undefined) continue;
    if (priorityLabels.has(label) || notActionable.has(label))
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: priorityLabels.has(label)
          ? 'This label means a priority level; choose one of its own'
          : 'This label marks issues as not actionable; choose one of its own',
      });
  }
}

/** Days after a release ships before its reports' files are purged; null keeps them for good. */
export const attachmentRetentionDaysSchema = z
  .number({ error: 'Enter a number of days, or nothing to keep files' })
  .int({ error: 'Enter a whole number' })
  .min(1, { error: 'At least 1 day' })
  .max(3650, { error: 'At most 3650 days (ten years)' })
  .nullable()
  .meta({
    description: "Days after a release ships before its reports' files are removed (the records stay); null: kept",
  });

const settingsShape = {
  name: programNameSchema,
  product: productSchema,
  githubRepo: githubRepoSchema,
  priorityLevels: priorityLevelsSchema,
  priorityLabels: priorityLabelsSchema,
  priorityThreshold: levelSchema.meta({ description: 'The lowest level that still counts as priority' }),
  notActionableLabels: notActionableLabelsSchema,
  components: componentsSchema,
  githubCommenters: githubCommentersSchema,
  suggestInternalReports: suggestInternalReportsSchema,
  ...afterFilingShape,
  attachmentRetentionDays: attachmentRetentionDaysSchema.optional(),
};

/** A program's complete settings; an edit is checked against it once merged with what is stored. */
export const programSettingsSchema = z
  .object(settingsShape)
  .superRefine(checkPriorityRules)
  .meta({ id: 'ProgramSettings' });

export const createProgramBody = z
  .strictObject({
    name: settingsShape.name,
    product: settingsShape.product,
    githubRepo: settingsShape.githubRepo,
    priorityLevels: settingsShape.priorityLevels.optional().meta({ description: 'Default: P0, P1, P2, P3' }),
    priorityLabels: settingsShape.priorityLabels.optional().meta({
      description: 'Default: each level as a label, plus "priority: critical" (P0) and "priority: high" (P1)',
    }),
    priorityThreshold: settingsShape.priorityThreshold.optional().meta({ description: 'Default: P1' }),
    notActionableLabels: settingsShape.notActionableLabels
      .optional()
      .meta({ description: 'Default: invalid, wontfix' }),
    components: settingsShape.components.optional(),
    githubCommenters: settingsShape.githubCommenters.optional().meta({ description: 'Default: none' }),
    suggestInternalReports: settingsShape.suggestInternalReports.optional().meta({ description: 'Default: false' }),
    clearNeedsInfoOnAnswer: settingsShape.clearNeedsInfoOnAnswer.optional().meta({ description: 'Default: true' }),
    stillBrokenAction: settingsShape.stillBrokenAction.optional().meta({ description: 'Default: reopen' }),
    verifiedLabel: settingsShape.verifiedLabel.optional().meta({ description: 'Default: fieldtest: verified' }),
    stillBrokenLabel: settingsShape.stillBrokenLabel
      .optional()
      .meta({ description: 'Default: fieldtest: still-broken' }),
    rescueLabel: settingsShape.rescueLabel.optional().meta({ description: 'Default: fieldtest: rescue' }),
    fixedInLabelPrefix: settingsShape.fixedInLabelPrefix.optional().meta({ description: 'Default: "fixed in: "' }),
    rescueThreshold: settingsShape.rescueThreshold.optional().meta({ description: 'Default: 3' }),
    rescueWindowDays: settingsShape.rescueWindowDays.optional().meta({ description: 'Default: 14' }),
    verificationReminderDays: settingsShape.verificationReminderDays.optional().meta({ description: 'Default: 3' }),
    attachmentRetentionDays: attachmentRetentionDaysSchema.optional().meta({ description: 'Default: null (kept)' }),
    termsText: termsTextSchema.meta({ description: "The program's terms; they become version 1" }),
  })
  .transform(({ priorityLevels = defaultPriorityLevels, ...body }) => ({
    ...body,
    priorityLevels,
    priorityLabels: body.priorityLabels ?? defaultPriorityLabels(priorityLevels),
    priorityThreshold: body.priorityThreshold ?? defaultPriorityThreshold,
    notActionableLabels: body.notActionableLabels ?? defaultNotActionableLabels,
    components: body.components ?? [],
    githubCommenters: body.githubCommenters ?? [],
    suggestInternalReports: body.suggestInternalReports ?? false,
    clearNeedsInfoOnAnswer: body.clearNeedsInfoOnAnswer ?? defaultAfterFilingSettings.clearNeedsInfoOnAnswer,
    stillBrokenAction: body.stillBrokenAction ?? defaultAfterFilingSettings.stillBrokenAction,
    verifiedLabel: body.verifiedLabel ?? defaultAfterFilingSettings.verifiedLabel,
    stillBrokenLabel: body.stillBrokenLabel ?? defaultAfterFilingSettings.stillBrokenLabel,
    rescueLabel: body.rescueLabel ?? defaultAfterFilingSettings.rescueLabel,
    fixedInLabelPrefix: body.fixedInLabelPrefix ?? defaultAfterFilingSettings.fixedInLabelPrefix,
    rescueThreshold: body.rescueThreshold ?? defaultAfterFilingSettings.rescueThreshold,
    rescueWindowDays: body.rescueWindowDays ?? defaultAfterFilingSettings.rescueWindowDays,
    verificationReminderDays: body.verificationReminderDays ?? defaultAfterFilingSettings.verificationReminderDays,
  }))
  .superRefine(checkPriorityRules)
  .meta({ id: 'CreateProgramBody' });

export const updateProgramBody = z
  .strictObject({
    name: settingsShape.name.optional(),
    product: settingsShape.product.optional(),
    githubRepo: settingsShape.githubRepo.optional(),
    priorityLevels: settingsShape.priorityLevels.optional(),
    priorityLabels: settingsShape.priorityLabels.optional(),
    priorityThreshold: settingsShape.priorityThreshold.optional(),
    notActionableLabels: settingsShape.notActionableLabels.optional(),
    components: settingsShape.components.optional(),
    githubCommenters: settingsShape.githubCommenters.optional(),
    suggestInternalReports: settingsShape.suggestInternalReports.optional(),
    clearNeedsInfoOnAnswer: settingsShape.clearNeedsInfoOnAnswer.optional(),
    stillBrokenAction: settingsShape.stillBrokenAction.optional(),
    verifiedLabel: settingsShape.verifiedLabel.optional(),
    stillBrokenLabel: settingsShape.stillBrokenLabel.optional(),
    rescueLabel: settingsShape.rescueLabel.optional(),
    fixedInLabelPrefix: settingsShape.fixedInLabelPrefix.optional(),
    rescueThreshold: settingsShape.rescueThreshold.optional(),
    rescueWindowDays: settingsShape.rescueWindowDays.optional(),
    verificationReminderDays: settingsShape.verificationReminderDays.optional(),
    attachmentRetentionDays: attachmentRetentionDaysSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'Change at least one field' })
  .meta({ id: 'UpdateProgramBody', description: 'Any subset of the settings; terms change through their own route' });

export const publishTermsBody = z.strictObject({ text: termsTextSchema }).meta({ id: 'PublishTermsBody' });

export const programTermsSchema = z
  .object({
    version: z.number().int(),
    text: z.string(),
    textHash: z.string().meta({ description: 'SHA-256 of the text, hex' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ProgramTerms' });

export const programTermsVersionSchema = z
  .object({ version: z.number().int(), textHash: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'ProgramTermsVersion' });

const staffOnly = { description: 'Staff only' };

export const programSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    product: z.string(),
    components: z.array(z.string()),
    terms: programTermsSchema.meta({ description: 'The current version' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    githubRepo: z.string().optional().meta(staffOnly),
    priorityLevels: z.array(z.string()).optional().meta(staffOnly),
    priorityLabels: z.array(priorityLabelSchema).optional().meta(staffOnly),
    priorityThreshold: z.string().optional().meta(staffOnly),
    notActionableLabels: z.array(z.string()).optional().meta(staffOnly),
    githubCommenters: z.array(z.string()).optional().meta(staffOnly),
    suggestInternalReports: z.boolean().optional().meta(staffOnly),
    clearNeedsInfoOnAnswer: z.boolean().optional().meta(staffOnly),
    stillBrokenAction: z.enum(stillBrokenActions).optional().meta(staffOnly),
    verifiedLabel: z.string().optional().meta(staffOnly),
    stillBrokenLabel: z.string().optional().meta(staffOnly),
    rescueLabel: z.string().optional().meta(staffOnly),
    fixedInLabelPrefix: z.string().optional().meta(staffOnly),
    rescueThreshold: z.number().int().optional().meta(staffOnly),
    rescueWindowDays: z.number().int().optional().meta(staffOnly),
    verificationReminderDays: z.number().int().optional().meta(staffOnly),
    attachmentRetentionDays: z.number().int().nullable().optional().meta(staffOnly),
    termsVersions: z
      .array(programTermsVersionSchema)
      .optional()
      .meta({ description: 'Staff only: every version, newest first' }),
  })
  .meta({ id: 'Program', description: 'MVPs see no GitHub or label settings' });

export const programSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    product: z.string(),
    termsVersion: z.number().int().meta({ description: 'Version of the current terms' }),
    termsAccepted: z
      .boolean()
      .optional()
      .meta({ description: 'MVPs only: whether you accepted the current terms (else the program answers 403)' }),
    githubRepo: z.string().optional().meta(staffOnly),
    githubProblem: z.string().nullable().optional().meta({
      description:
        'Staff only: why reports cannot reach GitHub, as the last repository check found (null when connected or not checked yet)',
    }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ProgramSummary' });

export const programListSchema = z.object({ items: z.array(programSummarySchema) }).meta({ id: 'ProgramList' });

export type PriorityLabel = z.output<typeof priorityLabelSchema>;
export type ProgramSettings = z.output<typeof programSettingsSchema>;
export type AfterFilingSettings = { [K in keyof typeof afterFilingShape]: z.output<(typeof afterFilingShape)[K]> };
export type CreateProgramBody = z.input<typeof createProgramBody>;
export type UpdateProgramBody = z.input<typeof updateProgramBody>;
export type Program = z.output<typeof programSchema>;
export type ProgramSummary = z.output<typeof programSummarySchema>;
export type ProgramTerms = z.output<typeof programTermsSchema>;

import { z } from 'zod';

// What the sync health page reads: one program's queue, the shared GitHub budget, failures, dead
// letters and webhook deliveries. Dates are ISO strings; BigInt ids (GithubWrite) never leave the API.

export const syncJobKindSchema = z.enum(['create_issue', 'post_comment', 'update_issue']).meta({ id: 'SyncJobKind' });
export const syncJobStatusSchema = z.enum(['pending', 'running', 'done', 'dead']).meta({ id: 'SyncJobStatus' });

/** A job that went wrong: failing (will try again at `runAfter`) or dead (waits for a person). */
export const syncJobProblemSchema = z
  .object({
    id: z.uuid(),
    kind: syncJobKindSchema,
    status: syncJobStatusSchema,
    reportId: z.uuid(),
    reportTitle: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable().meta({ description: 'The reason of the last failure' }),
    lastErrorAt: z.iso.datetime().nullable(),
    runAfter: z.iso.datetime().meta({ description: 'Next try (failing jobs)' }),
    /** Once a write was sent, a retry looks for the issue on GitHub before it creates again. */
    firstSentAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SyncJobProblem' });

export const rateCredentialSchema = z
  .object({
    key: z.string().meta({ description: 'API URL and a hash naming the credential (never the secret)' }),
    current: z.boolean().meta({ description: 'The credential this process is configured with' }),
    blocked: z.boolean().meta({ description: 'Nothing is sent with this credential before blockedUntil' }),
    blockedUntil: z.iso.datetime().nullable(),
    blockedReason: z.string().nullable(),
    strikes: z.number().int().meta({ description: 'Consecutive rate limits or failures (back-off)' }),
    nextWriteAt: z.iso.datetime().nullable(),
    coreLimit: z.number().int().nullable(),
    coreRemaining: z.number().int().nullable(),
    coreResetAt: z.iso.datetime().nullable(),
    lastSuccessAt: z.iso.datetime().nullable(),
    contentLastMinute: z.number().int().meta({ description: 'Content-creating writes sent in the minute window' }),
    contentLastHour: z.number().int().meta({ description: 'Content-creating writes sent in the hour window' }),
  })
  .meta({ id: 'SyncRateCredential' });

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ description: 'X-GitHub-Delivery' }),
    event: z.string(),
    action: z.string().nullable(),
    issueNumber: z.number().int().nullable(),
    status: z.enum(['pending', 'processed', 'ignored', 'failed']),
    outcome: z.string().nullable(),
    attempts: z.number().int(),
    receivedAt: z.iso.datetime(),
    processedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SyncWebhookDelivery' });

export const syncHealthSchema = z
  .object({
    programId: z.uuid(),
    githubRepo: z.string(),
    checkedAt: z.iso.datetime(),
    configured: z.object({
      credentials: z.boolean().meta({ description: 'A token or GitHub App is configured' }),
      credentialsKind: z.enum(['token', 'app', 'none']),
      webhookSecret: z.boolean().meta({ description: 'GITHUB_WEBHOOK_SECRET is set, so deliveries can be verified' }),
    }),
    queue: z.object({
      pending: z.number().int(),
      running: z.number().int(),
      done: z.number().int(),
      dead: z.number().int(),
      failing: z.number().int().meta({ description: 'Pending or running jobs whose last attempt failed' }),
      oldestPendingAt: z.iso.datetime().nullable(),
      oldestPendingSeconds: z.number().int().nullable().meta({ description: 'Age of the oldest pending job' }),
    }),
    budget: z.object({
      contentPerMinute: z.number().int(),
      contentPerHour: z.number().int(),
      minuteWindowSeconds: z.number().meta({ description: '60 divided by GITHUB_TIME_SCALE' }),
      hourWindowSeconds: z.number().meta({ description: '3600 divided by GITHUB_TIME_SCALE' }),
      credentials: z.array(rateCredentialSchema).meta({ description: 'Shared by every program; current first' }),
    }),
    lastSuccess: z.object({
      at: z.iso.datetime().nullable().meta({ description: 'The later of the two below' }),
      jobDoneAt: z.iso.datetime().nullable(),
      reconcileSuccessAt: z.iso.datetime().nullable(),
    }),
    reconciliation: z.object({
      watermark: z.iso.datetime().nullable(),
      lastReconcileAt: z.iso.datetime().nullable(),
      lastSuccessAt: z.iso.datetime().nullable(),
      lastError: z.string().nullable(),
      lastErrorAt: z.iso.datetime().nullable(),
    }),
    webhooks: z
      .object({
        lastContactAt: z.iso
          .datetime()
          .nullable()
          .meta({ description: 'The newest delivery of any event, ping included' }),
        lastContactEvent: z.string().nullable(),
        missedAt: z.iso.datetime().nullable().meta({
          description: 'When reconciliation last applied a change that no delivery had brought',
        }),
        missedIssue: z.number().int().nullable(),
        notReaching: z.boolean().meta({
          description: 'A change came only through reconciliation and no delivery has arrived since',
        }),
      })
      .meta({ description: "Whether GitHub's webhooks reach Fieldtest" }),
    failures: z.array(syncJobProblemSchema).meta({ description: 'Newest failure first, at most 50' }),
    deadLetters: z.array(syncJobProblemSchema).meta({ description: 'Newest first, at most 100' }),
    deliveries: z
      .array(webhookDeliverySchema)
      .meta({ description: "The newest 50 deliveries for the program's repository" }),
  })
  .meta({ id: 'SyncHealth' });

export const retriedSyncJobSchema = z
  .object({
    id: z.uuid(),
    status: syncJobStatusSchema,
    attempts: z.number().int(),
    runAfter: z.iso.datetime(),
  })
  .meta({ id: 'RetriedSyncJob' });

export const syncJobIdParams = z.object({ id: z.uuid({ error: 'Not a sync job id' }) });

export type SyncHealth = z.output<typeof syncHealthSchema>;
export type SyncJobProblem = z.output<typeof syncJobProblemSchema>;
export type RetriedSyncJob = z.output<typeof retriedSyncJobSchema>;

import { join, resolve } from 'node:path';
import { z } from 'zod';

// The only module that reads process.env: everything else receives a parsed Env.
const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

const envSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    ATTACHMENTS_DIR: z.string().min(1).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// connection URL' }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    // API requests one process answers at once before it sheds new ones (503); 0 for no limit.
    // Default: 32 on the embedded database, no limit on PostgreSQL.
    MAX_REQUESTS_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).optional(),
    // Past this mean delay of the event loop (ms) a process sheds new requests (503); 0 for never.
    // Default: 100 on the embedded database (whose queries run on the loop), never on PostgreSQL.
    MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24 * 14),
    SETUP_LINK_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    TRUST_PROXY: booleanText.default(false),
    WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('Fieldtest <fieldtest@localhost>'),
    GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
    GITHUB_TOKEN: z.string().min(1).optional(),
    GITHUB_APP_ID: z.coerce.number().int().positive().optional(),
    GITHUB_APP_PRIVATE_KEY: z.string().min(1).optional(),
    GITHUB_APP_INSTALLATION_ID: z.coerce.number().int().positive().optional(),
    // Seals the GitHub credentials programs bring (api/github-credentials): 32 random bytes in base64,
    // e.g. `openssl rand -base64 32`. Without it programs use the environment's credential only.
    CREDENTIALS_KEY: z
      .string()
      .refine(
        (value) => /^[A-Za-z0-9+/]{43}=$/.test(value.trim()),
        'must be 32 bytes in base64 (openssl rand -base64 32)',
      )
      .optional(),
    GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
    GITHUB_WEBHOOK_SECRET_PREVIOUS: z.string().min(1).optional(),
    GITHUB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    GITHUB_CONTENT_PER_MINUTE: z.coerce.number().int().min(1).default(80),
    GITHUB_CONTENT_PER_HOUR: z.coerce.number().int().min(1).default(500),
    GITHUB_WRITE_SPACING_MS: z.coerce.number().int().min(0).default(1000),
    GITHUB_LIMITED_WAIT_SECONDS: z.coerce.number().min(0).default(60),
    GITHUB_TIME_SCALE: z.coerce.number().min(1).max(10_000).default(1),
    // An OAuth app (or a GitHub App's OAuth credentials) for MVPs to link their GitHub login.
    GITHUB_OAUTH_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
    // Where people sign in to GitHub (authorize page, token exchange): github.com, or a GHES host.
    GITHUB_WEB_URL: z.url({ protocol: /^https?$/ }).default('https://github.com'),
    SYNC_WORKER: booleanText.default(true),
    SYNC_RECONCILE_SECONDS: z.coerce.number().min(1).default(300),
    // Fractions of an hour let tests and demos see a digest within seconds.
    NOTICE_DIGEST_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 7)
      .default(24),
  })
  .superRefine((env, ctx) => {
    const app = [env.GITHUB_APP_ID, env.GITHUB_APP_PRIVATE_KEY, env.GITHUB_APP_INSTALLATION_ID];
    const given = app.filter((value) => value !== undefined).length;
    if (given > 0 && given < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['GITHUB_APP_ID'],
        message: 'a GitHub App needs GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID together',
      });
    }
    if ((env.GITHUB_OAUTH_CLIENT_ID === undefined) !== (env.GITHUB_OAUTH_CLIENT_SECRET === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['GITHUB_OAUTH_CLIENT_ID'],
        message: 'linking GitHub logins needs GITHUB_OAUTH_CLIENT_ID and GITHUB_OAUTH_CLIENT_SECRET together',
      });
    }
    if (given === 3 && env.GITHUB_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['GITHUB_TOKEN'],
        message: 'set either GITHUB_TOKEN or a GitHub App, not both',
      });
    }
  })
  .transform((env) => {
    const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT || 3000}`);
    // `?schema=` selects a PostgreSQL schema, as in Prisma's own connection URLs.
    const databaseUrl = env.DATABASE_URL ? new URL(env.DATABASE_URL) : undefined;
    const databaseSchema = databaseUrl?.searchParams.get('schema') ?? undefined;
    databaseUrl?.searchParams.delete('schema');
    return {
      host: env.HOST,
      port: env.PORT,
      publicUrl: publicUrl.origin,
      dataDir: resolve(env.DATA_DIR),
      attachmentsDir: resolve(env.ATTACHMENTS_DIR ?? join(env.DATA_DIR, 'attachments')),
      databaseUrl: databaseUrl?.toString(),
      databaseSchema,
      databasePoolSize: env.DATABASE_POOL_SIZE,
      maxRequestsInFlight: env.MAX_REQUESTS_IN_FLIGHT ?? (env.DATABASE_URL ? 0 : 32),
      maxEventLoopDelayMs: env.MAX_EVENT_LOOP_DELAY_MS ?? (env.DATABASE_URL ? 0 : 100),
      logLevel: env.LOG_LEVEL,
      sessionTtlHours: env.SESSION_TTL_HOURS,
      setupLinkTtlMinutes: env.SETUP_LINK_TTL_MINUTES,
      trustProxy: env.TRUST_PROXY,
      webDistDir: resolve(env.WEB_DIST_DIR),
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      secureCookies: publicUrl.protocol === 'https:',
      credentialsKey: env.CREDENTIALS_KEY ? Buffer.from(env.CREDENTIALS_KEY.trim(), 'base64') : null,
      github: {
        apiUrl: env.GITHUB_API_URL.replace(/\/+$/, ''),
        credentials: githubCredentials(env),
        webhookSecrets: [env.GITHUB_WEBHOOK_SECRET, env.GITHUB_WEBHOOK_SECRET_PREVIOUS].filter(
          (secret): secret is string => secret !== undefined,
        ),
        requestTimeoutMs: env.GITHUB_REQUEST_TIMEOUT_MS,
        oauth:
          env.GITHUB_OAUTH_CLIENT_ID && env.GITHUB_OAUTH_CLIENT_SECRET
            ? {
                clientId: env.GITHUB_OAUTH_CLIENT_ID,
                clientSecret: env.GITHUB_OAUTH_CLIENT_SECRET,
                webUrl: env.GITHUB_WEB_URL.replace(/\/+$/, ''),
              }
            : null,
        // Every duration of the pacing divided by timeScale: tests and benchmarks run GitHub's
        // minute and hour windows faster, with the emulator scaled the same way.
        pacing: {
          contentPerMinute: env.GITHUB_CONTENT_PER_MINUTE,
          contentPerHour: env.GITHUB_CONTENT_PER_HOUR,
          writeSpacingMs: env.GITHUB_WRITE_SPACING_MS,
          limitedWaitSeconds: env.GITHUB_LIMITED_WAIT_SECONDS,
          timeScale: env.GITHUB_TIME_SCALE,
        },
      },
      syncWorker: env.SYNC_WORKER,
      reconcileSeconds: env.SYNC_RECONCILE_SECONDS,
      noticeDigestHours: env.NOTICE_DIGEST_HOURS,
    };
  });

export type GithubCredentials =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: number; privateKey: string; installationId: number }
  | { kind: 'none' };

function githubCredentials(env: {
  GITHUB_TOKEN?: string;
  GITHUB_APP_ID?: number;
  GITHUB_APP_PRIVATE_KEY?: string;
  GITHUB_APP_INSTALLATION_ID?: number;
}): GithubCredentials {
  if (env.GITHUB_TOKEN) return { kind: 'token', token: env.GITHUB_TOKEN };
  if (env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY && env.GITHUB_APP_INSTALLATION_ID) {
    return {
      kind: 'app',
      appId: env.GITHUB_APP_ID,
      // A key pasted into one line of a .env file keeps its line breaks as \n.
      privateKey: env.GITHUB_APP_PRIVATE_KEY.replace(/\\n/g, '\n'),
      installationId: env.GITHUB_APP_INSTALLATION_ID,
    };
  }
  return { kind: 'none' };
}

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

// Variables whose values never appear in an error message (or a log that keeps it).
const secretName = /KEY|TOKEN|SECRET|PASSWORD/;

/** Parses the environment; an empty string counts as unset, as in a copied .env.example. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      const shown =
        value === undefined
          ? ' (not set)'
          : secretName.test(name)
            ? ' (value not shown)'
            : ` (got ${JSON.stringify(value)})`;
      return `${name}: ${issue.message}${shown}`;
    }),
  );
}

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
      logLevel: env.LOG_LEVEL,
      sessionTtlHours: env.SESSION_TTL_HOURS,
      setupLinkTtlMinutes: env.SETUP_LINK_TTL_MINUTES,
      trustProxy: env.TRUST_PROXY,
      webDistDir: resolve(env.WEB_DIST_DIR),
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      secureCookies: publicUrl.protocol === 'https:',
    };
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment; an empty string counts as unset, as in a copied .env.example. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      return `${name}: ${issue.message}${value === undefined ? ' (not set)' : ` (got ${JSON.stringify(value)})`}`;
    }),
  );
}

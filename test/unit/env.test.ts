import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../api/env.ts';

describe('configuration', () => {
  it('has defaults that run the portal on the embedded database', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      logLevel: 'info',
    });
    expect(env.dataDir).toMatch(/\/data$/);
    expect(env.secureCookies).toBe(false);
  });

  it('names each bad variable in one message', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT: .*\(got "eighty"\)/);
    expect(message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    expect(message).toMatch(/LOG_LEVEL: /);
    expect((error as EnvError).problems).toHaveLength(3);
  });

  it('treats an empty value as unset, as in a copied .env.example', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('takes a schema from the database URL the way Prisma does', () => {
    const env = parseEnv({ DATABASE_URL: 'postgresql://u@db:5432/app?schema=fieldtest&sslmode=require' });
    expect(env.databaseSchema).toBe('fieldtest');
    expect(env.databaseUrl).toBe('postgresql://u@db:5432/app?sslmode=require');
  });

  it('sends Secure cookies when the public URL is https', () => {
    expect(parseEnv({ PUBLIC_URL: 'https://fieldtest.example/' }).secureCookies).toBe(true);
  });

  it('takes the digest period in hours, fractions included, and refuses none or more than a week', () => {
    expect(parseEnv({}).noticeDigestHours).toBe(24);
    expect(parseEnv({ NOTICE_DIGEST_HOURS: '0.5' }).noticeDigestHours).toBe(0.5);
    for (const value of ['0', '-1', 'daily', '169']) {
      expect(() => parseEnv({ NOTICE_DIGEST_HOURS: value }), value).toThrow(/NOTICE_DIGEST_HOURS: /);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import type { DatabaseTarget } from '../../api/db/open-database.ts';
import { migratedDataDir } from './database-template.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/**
 * A fresh, empty database for one test file: an embedded one in a new data folder (a copy of the
 * migrated template), or a new schema in the PostgreSQL database named by TEST_DATABASE_URL; `drop`
 * removes either.
 */
export async function createTestDatabase(): Promise<{
  target: DatabaseTarget;
  url?: string;
  /** What a server process needs to open it: DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  if (testDatabaseKind() === 'pglite') {
    const dataDir = await migratedDataDir();
    return {
      target: { kind: 'pglite', dataDir },
      env: { DATA_DIR: dataDir },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const url = testDatabaseUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', schema);
  return {
    target: { kind: 'postgres', url, poolSize: 5, schema },
    url: withSchema.toString(),
    env: { DATABASE_URL: withSchema.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

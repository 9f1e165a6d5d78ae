import pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { readMigrationList } from './migration-files.ts';
import type { Database, DatabaseTarget } from './open-database.ts';
import { openSchemaEngine } from './schema-engine.ts';

const filters = { externalTables: [], externalEnums: [] };
// Serialises migrations of API processes that start together against one server.
const migrationLockKey = 7_230_455_901;

/** Applies pending migrations like `prisma migrate deploy`; returns the names it applied. */
export async function applyMigrations(options: {
  database: Database;
  target: DatabaseTarget;
  log?: (message: string) => void;
}): Promise<string[]> {
  const lock =
    options.target.kind === 'postgres' ? await takeMigrationLock(options.target.url, options.target.schema) : null;
  try {
    const adapter = options.database.openMigrationAdapter();
    try {
      const engine = await openSchemaEngine({ adapterFactory: adapter.factory, log: options.log });
      try {
        const migrationsList = await readMigrationList();
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters });
        return appliedMigrationNames;
      } finally {
        engine.free();
      }
    } finally {
      await adapter.dispose();
    }
  } finally {
    await lock?.();
  }
}

async function takeMigrationLock(url: string, schema: string | undefined): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
  if (schema) await client.query(`create schema if not exists "${schema.replaceAll('"', '""')}"`);
  return async () => {
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => {});
    await client.end();
  };
}

export type MigrationStatus = { current: boolean; pending: string[]; failed: string[] };

/** Compares the migrations folder with what `_prisma_migrations` records. */
export async function readMigrationStatus(prisma: PrismaClient): Promise<MigrationStatus> {
  const { migrationDirectories } = await readMigrationList();
  const rows = await prisma.$queryRaw<
    { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]
  >`
    select migration_name, finished_at, rolled_back_at from _prisma_migrations`;
  const applied = new Set(
    rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name),
  );
  const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
  const pending = migrationDirectories.map((dir) => dir.path).filter((name) => !applied.has(name));
  return { current: pending.length === 0 && failed.length === 0, pending, failed };
}

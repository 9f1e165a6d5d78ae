import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { CopyError, copyToPostgres } from '../api/backup/copy-to-postgres.ts';
import { applyMigrations } from '../api/db/migrate.ts';
import { openDatabase } from '../api/db/open-database.ts';
import { EnvError, parseEnv } from '../api/env.ts';
import { AppError } from '../api/lib/app-error.ts';
import { databaseTarget } from '../api/start-server.ts';

// `DATABASE_URL=postgresql://… npm run db:copy-to-postgres`: copies the embedded database in
// DATA_DIR into the (empty) PostgreSQL database DATABASE_URL names, with the server stopped. Both
// get the package's migrations first. The attachments folder stays where it is: point
// ATTACHMENTS_DIR at it (or copy it) when the servers on PostgreSQL start.

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  fail(`Fieldtest cannot copy. ${error.message}`);
}
if (!env.databaseUrl) fail('Set DATABASE_URL to the PostgreSQL database to copy into (an empty one).');
if (!(await stat(join(env.dataDir, 'pg')).catch(() => null))) fail(`There is no embedded database in ${env.dataDir}.`);

const started = Date.now();
const sourceTarget = { kind: 'pglite' as const, dataDir: env.dataDir };
let source: Awaited<ReturnType<typeof openDatabase>>;
try {
  source = await openDatabase(sourceTarget);
} catch (error) {
  if (error instanceof AppError) fail(`${error.message} The copy needs the server stopped.`);
  throw error;
}
const serverTarget = databaseTarget(env);
const server = await openDatabase(serverTarget);
const client = new pg.Client({
  connectionString: env.databaseUrl,
  options: env.databaseSchema ? `-c search_path=${env.databaseSchema}` : undefined,
});
try {
  await applyMigrations({ database: source, target: sourceTarget });
  await applyMigrations({ database: server, target: serverTarget });
  await client.connect();
  const { tables } = await copyToPostgres({ source: source.sql, target: client });
  const rows = tables.reduce((sum, table) => sum + table.rows, 0);
  process.stdout.write(
    `Copied ${rows} rows in ${tables.length} tables from ${env.dataDir} into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
      `Start Fieldtest with DATABASE_URL set, and ATTACHMENTS_DIR=${env.attachmentsDir} (or a copy of that folder).\n`,
  );
} catch (error) {
  if (error instanceof CopyError) fail(error.message);
  throw error;
} finally {
  await client.end().catch(() => {});
  await server.close();
  await source.close();
}

import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { RestoreError, restoreBackup } from '../api/backup/backup-archive.ts';
import { lockDataDir } from '../api/db/data-dir-lock.ts';
import { EnvError, parseEnv } from '../api/env.ts';
import { AppError } from '../api/lib/app-error.ts';

// `npm run restore -- FILE`: brings a backup written by `npm run backup` into an empty data folder
// (DATA_DIR, and ATTACHMENTS_DIR when set). `npm start` then applies any newer migrations.

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const file = process.argv[2];
if (!file || process.argv.length > 3) fail('Usage: npm run restore -- FILE');
let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  fail(`Fieldtest cannot restore. ${error.message}`);
}
if (env!.databaseUrl) {
  fail('DATABASE_URL names a PostgreSQL server: a backup of the embedded database restores into DATA_DIR only.');
}
const { dataDir, attachmentsDir } = env!;
let unlock: () => Promise<void>;
try {
  unlock = await lockDataDir(dataDir);
} catch (error) {
  if (error instanceof AppError) fail(`${error.message} A restore needs the server stopped.`);
  throw error;
}
try {
  const restored = await restoreBackup({
    file: resolve(file!),
    dataDir,
    attachmentsDir,
    open: async (dir, dump) => {
      const pglite = new PGlite(join(dir, 'pg'), { loadDataDir: dump });
      try {
        await pglite.waitReady;
        const [row] = (await pglite.query<{ reports: number }>('select count(*)::int as reports from "Report"')).rows;
        return { reports: row?.reports ?? 0 };
      } finally {
        await pglite.close();
      }
    },
  });
  process.stdout.write(
    `Restored the backup taken at ${restored.takenAt} into ${dataDir}: ${restored.reports} reports, ${restored.attachmentFiles} attachment files. Start Fieldtest with npm start.\n`,
  );
} catch (error) {
  if (error instanceof RestoreError) fail(error.message);
  throw error;
} finally {
  await unlock!();
}

import { randomUUID } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BackupRequest,
  type BackupResult,
  backupSignal,
  requestPrefix,
  resultPrefix,
} from '../api/backup/answer-backup-requests.ts';
import { writeBackup } from '../api/backup/backup-archive.ts';
import { dataDirHolder } from '../api/db/data-dir-lock.ts';
import { openDatabase } from '../api/db/open-database.ts';
import { EnvError, parseEnv } from '../api/env.ts';
import { AppError } from '../api/lib/app-error.ts';

// `npm run backup [-- --out FILE]`: one file holding the embedded database and the attachments.
// With the server running, the server writes it (it alone reads its database); otherwise this
// process opens the data folder itself, holding its lock so no server starts meanwhile.

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let args: { out?: string | undefined };
try {
  args = parseArgs({ options: { out: { type: 'string' } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run backup [-- --out FILE]`);
}
let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  fail(`Fieldtest cannot back up. ${error.message}`);
}
if (env!.databaseUrl) {
  fail(
    'DATABASE_URL names a PostgreSQL server: back it up with pg_dump (pg_dump --format=custom "$DATABASE_URL" > fieldtest.dump) and copy the attachments folder after it; see the README (Operations → Backups).',
  );
}
const { dataDir, attachmentsDir } = env!;
if (!(await stat(join(dataDir, 'pg')).catch(() => null))) fail(`There is no embedded database in ${dataDir}.`);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = resolve(args!.out ?? join('backups', `fieldtest-${stamp}.tar`));
if (await stat(out).catch(() => null)) fail(`${out} exists already: choose another --out.`);

const holder = await dataDirHolder(dataDir);
const started = Date.now();
if (holder) {
  const request: BackupRequest = { id: randomUUID(), out };
  const requestPath = join(dataDir, `${requestPrefix}${request.id}.json`);
  const resultPath = join(dataDir, `${resultPrefix}${request.id}.json`);
  await writeFile(requestPath, JSON.stringify(request));
  process.kill(holder, backupSignal);
  process.stderr.write(`Asked the running server (pid ${holder}) for a backup…\n`);
  const deadline = Date.now() + 30 * 60_000;
  let result: BackupResult | null = null;
  while (!result) {
    if (Date.now() > deadline) {
      await rm(requestPath, { force: true });
      fail('The server did not answer within 30 minutes; see its log.');
    }
    if (!(await dataDirHolder(dataDir))) fail('The server stopped before the backup was written.');
    result = await readFile(resultPath, 'utf8').then(
      (text) => JSON.parse(text) as BackupResult,
      () => null,
    );
    if (!result) await new Promise((wake) => setTimeout(wake, 200));
  }
  await rm(resultPath, { force: true });
  if (!result.ok) fail(`The backup failed: ${result.error}`);
  report(result);
} else {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ kind: 'pglite', dataDir });
  } catch (error) {
    if (error instanceof AppError) fail(error.message);
    throw error;
  }
  try {
    report(await writeBackup({ snapshot: database!.snapshot!, attachmentsDir, out }));
  } finally {
    await database!.close();
  }
}

function report(written: { file: string; bytes: number; takenAt: string; attachmentFiles: number }) {
  const megabytes = (written.bytes / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `Backup written: ${written.file} (${megabytes} MB, ${written.attachmentFiles} attachment files, taken at ${written.takenAt}, in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../lib/logger.ts';
import { writeBackup } from './backup-archive.ts';

// `npm run backup` asks the running server for a backup: the server alone may read its embedded
// database (PGlite has one process), so the script leaves a request file in the data folder and
// sends SIGUSR2; the server writes the backup and a result file beside the request. Only someone who
// can write the data folder and signal the server's process (its own user) can ask.

export const backupSignal = 'SIGUSR2';
export const requestPrefix = 'backup-request-';
export const resultPrefix = 'backup-result-';

const backupRequest = z.object({ id: z.uuid(), out: z.string().refine(isAbsolute, 'must be an absolute path') });
export type BackupRequest = z.infer<typeof backupRequest>;
export type BackupResult =
  | { ok: true; file: string; bytes: number; takenAt: string; attachmentFiles: number }
  | { ok: false; error: string };

/** Answers backup requests until the returned function is called; it resolves once a backup under way is written. */
export function answerBackupRequests(options: {
  dataDir: string;
  attachmentsDir: string;
  snapshot: () => Promise<Blob>;
  logger: Logger;
}): () => Promise<void> {
  let queue = Promise.resolve();
  const onSignal = () => {
    queue = queue
      .then(() => answerPending(options))
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'backup requests could not be read');
      });
  };
  process.on(backupSignal, onSignal);
  return async () => {
    process.off(backupSignal, onSignal);
    await queue;
  };
}

async function answerPending(options: Parameters<typeof answerBackupRequests>[0]): Promise<void> {
  const { dataDir, logger } = options;
  const names = (await readdir(dataDir)).filter((name) => name.startsWith(requestPrefix) && name.endsWith('.json'));
  for (const name of names) {
    const path = join(dataDir, name);
    const parsed = backupRequest.safeParse(await readJson(path));
    await rm(path, { force: true });
    if (!parsed.success) {
      logger.warn({ file: name }, 'ignored a malformed backup request');
      continue;
    }
    const { id, out } = parsed.data;
    let result: BackupResult;
    try {
      const written = await writeBackup({ snapshot: options.snapshot, attachmentsDir: options.attachmentsDir, out });
      result = { ok: true, ...written };
      logger.info({ file: out, bytes: written.bytes }, 'backup written');
    } catch (error) {
      result = { ok: false, error: (error as Error).message };
      logger.error({ err: error, file: out }, 'backup failed');
    }
    const resultPath = join(dataDir, `${resultPrefix}${id}.json`);
    await writeFile(`${resultPath}.part`, JSON.stringify(result));
    await rename(`${resultPath}.part`, resultPath);
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

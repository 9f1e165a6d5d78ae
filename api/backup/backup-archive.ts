import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as tar from 'tar';
import { listStoredFiles, tempFolder } from '../attachments/attachment-files.ts';

// A backup of the embedded database is one tar file:
//   manifest.json      what it holds and when it was taken
//   database.tar.gz    PGlite's dump of its data folder, taken between two statements
//   attachments/…      the attachments folder as it was right after the dump (temporary files left out)
// The dump is crash-consistent: it holds every transaction committed before it and none after, as a
// PostgreSQL data folder copied at one instant would, and PGlite recovers it like a restart after a
// crash. Files are copied after the dump, so every file a backed-up row names is in the backup
// (files are written before their rows and removed only after theirs); a file uploaded during the
// copy may come along without a row, and the orphan sweep removes it after a restore.

export const backupFormat = 1;
const databaseEntry = 'database.tar.gz';
const manifestEntry = 'manifest.json';
const attachmentsEntry = 'attachments';

export type BackupManifest = {
  format: typeof backupFormat;
  takenAt: string;
  databaseBytes: number;
  attachmentFiles: number;
};

/** Writes a backup to `out` (through a temporary name, so `out` is whole or absent) and describes it. */
export async function writeBackup(options: {
  snapshot: () => Promise<Blob>;
  attachmentsDir: string;
  out: string;
}): Promise<BackupManifest & { file: string; bytes: number }> {
  const { out } = options;
  await mkdir(dirname(out), { recursive: true });
  const staging = join(dirname(out), `.${basename(out)}.${randomUUID()}`);
  await mkdir(join(staging, attachmentsEntry), { recursive: true });
  const partial = `${staging}.tar`;
  try {
    const takenAt = new Date().toISOString();
    const database = new Uint8Array(await (await options.snapshot()).arrayBuffer());
    await writeFile(join(staging, databaseEntry), database);
    const files = await countStoredFiles(options.attachmentsDir);
    const manifest: BackupManifest = {
      format: backupFormat,
      takenAt,
      databaseBytes: database.byteLength,
      attachmentFiles: files,
    };
    await writeFile(join(staging, manifestEntry), `${JSON.stringify(manifest, null, 2)}\n`);
    await tar.create({ file: partial, cwd: staging, portable: true }, [manifestEntry, databaseEntry]);
    // Appended from the attachments folder itself, under `attachments/`; temporary files stay out.
    const entries = (await readdir(options.attachmentsDir).catch(() => [] as string[])).filter(
      (name) => name !== tempFolder,
    );
    if (entries.length > 0) {
      await tar.replace(
        { file: partial, cwd: options.attachmentsDir, portable: true, prefix: attachmentsEntry },
        entries,
      );
    }
    const handle = await open(partial, 'r+');
    await handle.sync();
    await handle.close();
    await rename(partial, out);
    return { ...manifest, file: out, bytes: (await stat(out)).size };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/**
 * Brings a backup back into an empty data folder: the database into `<dataDir>/pg`, the files into
 * the attachments folder. Refuses a folder that already holds a database or stored files.
 */
export async function restoreBackup(options: {
  file: string;
  dataDir: string;
  attachmentsDir: string;
  open: (dataDir: string, dump: Blob) => Promise<{ reports: number }>;
}): Promise<BackupManifest & { reports: number }> {
  const { dataDir, attachmentsDir } = options;
  if (await holdsAnything(join(dataDir, 'pg'))) {
    throw new RestoreError(`${dataDir} already holds a database: restore into an empty data folder.`);
  }
  if ((await countStoredFiles(attachmentsDir)) > 0) {
    throw new RestoreError(`${attachmentsDir} already holds attachments: restore into an empty folder.`);
  }
  await stat(options.file).catch(() => {
    throw new RestoreError(`There is no backup at ${options.file}.`);
  });
  await mkdir(dataDir, { recursive: true });
  const staging = join(dataDir, `.restore-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  try {
    await tar.extract({ file: options.file, cwd: staging, strict: true }).catch((error: unknown) => {
      throw new RestoreError(`${options.file} is not a Fieldtest backup (${(error as Error).message}).`);
    });
    const manifest = await readManifest(staging);
    const dump = new Blob([new Uint8Array(await readFile(join(staging, databaseEntry)))]);
    const { reports } = await options.open(dataDir, dump);
    const files = join(staging, attachmentsEntry);
    if (await holdsAnything(files)) {
      await mkdir(dirname(attachmentsDir), { recursive: true });
      await rm(attachmentsDir, { recursive: true, force: true });
      await rename(files, attachmentsDir);
    }
    return { ...manifest, reports };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export class RestoreError extends Error {}

async function readManifest(staging: string): Promise<BackupManifest> {
  const text = await readFile(join(staging, manifestEntry), 'utf8').catch(() => null);
  const manifest = text === null ? null : (JSON.parse(text) as Partial<BackupManifest>);
  if (manifest?.format !== backupFormat) {
    throw new RestoreError(`This backup's format (${manifest?.format ?? 'none'}) is not one this version reads.`);
  }
  return manifest as BackupManifest;
}

async function holdsAnything(dir: string): Promise<boolean> {
  return ((await readdir(dir).catch(() => [])) as string[]).length > 0;
}

async function countStoredFiles(dir: string): Promise<number> {
  return (await listStoredFiles(dir)).reduce((count, { names }) => count + names.length, 0);
}

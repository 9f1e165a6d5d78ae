import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../api/db/migrate.ts';
import { migrationsDir } from '../../api/db/migration-files.ts';
import { openDatabase } from '../../api/db/open-database.ts';

// Creating an embedded database (initdb in WebAssembly) and migrating it takes five to seven
// seconds; copying a migrated one takes half a second. Test files that need an empty, current
// database start from a copy of one migrated template, kept per version of the migrations and of
// PGlite. Tests of a first start on an empty folder (server-process, backup) do not use it.

const templatesDir = join(tmpdir(), 'fieldtest-test-templates');

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglite = await readFile(
    new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url),
    'utf8',
  );
  hash.update(JSON.parse(pglite).version);
  const names = (await readdir(migrationsDir, { recursive: true })).sort();
  for (const name of names) {
    const path = join(migrationsDir, name);
    if (!(await stat(path)).isFile()) continue;
    hash.update(name);
    hash.update(await readFile(path));
  }
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | null = null;

/** The migrated template's `pg` folder, built on first use (by whichever test process gets there first). */
export function migratedTemplate(): Promise<string> {
  template ??= buildTemplate();
  return template;
}

async function buildTemplate(): Promise<string> {
  const ready = join(templatesDir, await templateKey());
  if (await exists(join(ready, 'pg'))) return join(ready, 'pg');
  await mkdir(templatesDir, { recursive: true });
  // Built aside and renamed into place, so no process ever copies a half-built template.
  const building = join(templatesDir, `building-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const target = { kind: 'pglite', dataDir: building } as const;
    const database = await openDatabase(target);
    try {
      await applyMigrations({ database, target });
    } finally {
      await database.close();
    }
    await rename(building, ready).catch(async (error: NodeJS.ErrnoException) => {
      // Another test process finished first: its template is the same.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return join(ready, 'pg');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A new data folder (DATA_DIR) holding an empty, migrated embedded database. */
export async function migratedDataDir(prefix = 'ft-data-'): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  await cp(await migratedTemplate(), join(dataDir, 'pg'), { recursive: true });
  return dataDir;
}

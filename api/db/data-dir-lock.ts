import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../lib/app-error.ts';

const lockName = 'fieldtest.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process holding the data folder, if any (a pid file of a dead process does not count). */
export async function dataDirHolder(dir: string): Promise<number | null> {
  const holder = Number.parseInt(await readFile(join(dir, lockName), 'utf8').catch(() => ''), 10);
  return Number.isInteger(holder) && holder !== process.pid && isAlive(holder) ? holder : null;
}

/**
 * PGlite has no lock of its own, and two processes writing one data folder corrupt it.
 * A pid file taken with O_EXCL keeps a second process out; a pid file left by a crashed
 * process (kill -9) is recognised by its dead pid and taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, lockName);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new AppError('data_dir_locked', {
          detail: `The data folder ${dir} is in use by another Fieldtest process (pid ${holder}). Stop that process, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server that several processes can share.`,
        });
      }
      await rm(path, { force: true });
    }
  }
  throw new AppError('data_dir_locked', { detail: `Could not take the lock on the data folder ${dir}.` });
}

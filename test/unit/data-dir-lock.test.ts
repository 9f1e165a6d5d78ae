import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../api/db/data-dir-lock.ts';

describe('the data folder lock', () => {
  it('keeps a second opener out with a message that says what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-lock-'));
    // Another live process holds the lock.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, 'fieldtest.pid'), String(holder.pid));
      await expect(lockDataDir(dir)).rejects.toThrow(/in use by another Fieldtest process \(pid \d+\)/);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-lock-'));
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(join(dir, 'fieldtest.pid'), String(dead.pid));
    const unlock = await lockDataDir(dir);
    await unlock();
  });

  it('can be taken again after it is released', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-lock-'));
    await (await lockDataDir(dir))();
    await (await lockDataDir(dir))();
  });
});

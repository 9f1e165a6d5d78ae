import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale, fingerprint } from '../../scripts/build-if-stale.ts';

// `npm start` builds only what is missing or older than its sources.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'build-if-stale-'));
  await writeFile(join(dir, 'a.ts'), 'export const a = 1;\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('building when stale', () => {
  it('builds the first time, skips while the sources are unchanged, builds again after a change', async () => {
    const stamp = join(dir, 'out/.stamp');
    let builds = 0;
    const build = async () => {
      builds += 1;
    };
    expect(await buildIfStale(stamp, await fingerprint(dir, ['a.ts']), build)).toBe(true);
    // Touching a file without changing it is no reason to build.
    await utimes(join(dir, 'a.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(await buildIfStale(stamp, await fingerprint(dir, ['a.ts']), build)).toBe(false);
    await writeFile(join(dir, 'a.ts'), 'export const a = 2;\n');
    expect(await buildIfStale(stamp, await fingerprint(dir, ['a.ts']), build)).toBe(true);
    expect(builds).toBe(2);
  });

  it('a failed build leaves no stamp, so the next start builds again', async () => {
    const stamp = join(dir, 'out/.stamp');
    const current = await fingerprint(dir, ['a.ts']);
    await expect(
      buildIfStale(stamp, current, async () => {
        throw new Error('vite failed');
      }),
    ).rejects.toThrow('vite failed');
    let built = false;
    await buildIfStale(stamp, current, async () => {
      built = true;
    });
    expect(built).toBe(true);
  });

  it('a new, removed or renamed file changes the fingerprint; a missing path does not fail', async () => {
    const before = await fingerprint(dir, ['.', 'missing']);
    await writeFile(join(dir, 'b.ts'), '');
    const added = await fingerprint(dir, ['.', 'missing']);
    expect(added).not.toBe(before);
    await rm(join(dir, 'b.ts'));
    await writeFile(join(dir, 'c.ts'), '');
    expect(await fingerprint(dir, ['.', 'missing'])).not.toBe(added);
  });
});

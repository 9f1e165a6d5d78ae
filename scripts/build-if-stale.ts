// `npm start` and `npm run demo` build what they serve only when it is missing or older than its
// sources: the Prisma client when the schema changed since it was generated, the portal when any
// file it is built from changed. A restart is then seconds, and a machine that already holds the
// builds needs no build step at all. With `--client` (npm's postinstall) only the client is built.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A fingerprint of the files under `paths` (relative to `base`): their names, sizes and contents. */
export async function fingerprint(base: string, paths: string[], skip: (path: string) => boolean = () => false) {
  const hash = createHash('sha256');
  const files: string[] = [];
  const walk = async (path: string): Promise<void> => {
    if (skip(relative(base, path))) return;
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const entry of entries) await walk(join(path, entry));
    } else files.push(path);
  };
  for (const path of paths) await walk(join(base, path));
  for (const file of files) {
    hash.update(relative(base, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Whether the stamp at `stampPath` was written for `current`; writes it when `build` succeeds. */
export async function buildIfStale(stampPath: string, current: string, build: () => Promise<void>): Promise<boolean> {
  const stamped = existsSync(stampPath) ? (await readFile(stampPath, 'utf8')).trim() : null;
  if (stamped === current) return false;
  await build();
  await mkdir(join(stampPath, '..'), { recursive: true });
  await writeFile(stampPath, `${current}\n`);
  return true;
}

async function main(clientOnly: boolean) {
  const schema = await fingerprint(root, ['prisma/schema.prisma', 'prisma.config.ts', 'package-lock.json']);
  await buildIfStale(join(root, 'api/generated/.schema-fingerprint'), schema, async () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/prisma-generate.ts'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) throw new Error('prisma generate failed');
  });
  // `npm install` generates the client (and stamps it) so that the first `npm start` does not.
  if (clientOnly) return;

  // The portal is built from web/ and what it imports from api/ (schemas and route types).
  const portal = await fingerprint(
    root,
    ['web', 'api', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'],
    (path) => path.endsWith('.schema-fingerprint'),
  );
  const built = await buildIfStale(join(root, 'dist/web/.source-fingerprint'), portal, async () => {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  });
  if (built) console.log('Built the portal (dist/web).');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.includes('--client')).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

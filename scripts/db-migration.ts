// Writes a new migration from the difference between prisma/migrations and prisma/schema.prisma,
// as `prisma migrate dev --create-only` would: `npm run db:migration -- <name>`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lockfileText, migrationsDir, readMigrationList, schemaPath } from '../api/db/migration-files.ts';
import { openSchemaEngine } from '../api/db/schema-engine.ts';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name>   (lower-case letters, digits and underscores)');
  process.exit(2);
}

// The diff replays the existing migrations on a shadow database: an in-memory PGlite.
const pglite = new PGlite();
const engine = await openSchemaEngine({ adapterFactory: new PrismaPGlite(pglite) });
const migrationsList = await readMigrationList();
const { stdout } = await engine.diff({
  from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
  to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
  script: true,
  exitCode: null,
  filters: { externalTables: ['public.ReportSearch', 'public.ReportCluster'], externalEnums: [] },
});
engine.free();
await pglite.close();

if (!stdout || /^-- This is an empty migration\.?\s*$/.test(stdout.trim())) {
  console.log('The schema matches the migrations: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'migration.sql'), stdout);
await writeFile(join(migrationsDir, 'migration_lock.toml'), lockfileText);
console.log(`Wrote ${dir}/migration.sql`);

// Applies pending migrations to the configured database (PGlite in DATA_DIR, or DATABASE_URL),
// exactly as `prisma migrate deploy` would record them.
import { applyMigrations } from '../api/db/migrate.ts';
import { openDatabase } from '../api/db/open-database.ts';
import { EnvError, parseEnv } from '../api/env.ts';
import { databaseTarget } from '../api/start-server.ts';

try {
  const env = parseEnv();
  const target = databaseTarget(env);
  const database = await openDatabase(target);
  try {
    const applied = await applyMigrations({ database, target });
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Migrations are current.');
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}

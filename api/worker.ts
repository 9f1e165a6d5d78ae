import { applyMigrations } from './db/migrate.ts';
import { openDatabase } from './db/open-database.ts';
import { type Env, EnvError, parseEnv } from './env.ts';
import { createGithubClient } from './github-sync/client/github-client.ts';
import { startInboundSync } from './github-sync/inbound/start-inbound-sync.ts';
import { startSyncWorker } from './github-sync/outbound/start-sync-worker.ts';
import { createLogger } from './lib/logger.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { databaseTarget } from './start-server.ts';

// `npm run worker`: the GitHub sync's loops alone, without the HTTP server, on the database the
// API uses (PostgreSQL shared with API processes, or the PGlite folder while no API has it open).

let env: Env;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`Fieldtest worker cannot start. ${error.message}\nSee .env.example for every variable.\n`);
  process.exit(1);
}
const logger = createLogger(env.logLevel);
const github = createGithubClient(env.github);
if (!github && !env.credentialsKey) {
  process.stderr.write(
    'Fieldtest worker cannot start: no GitHub credentials (set GITHUB_TOKEN, or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID, or CREDENTIALS_KEY for programs that bring their own).\n',
  );
  process.exit(1);
}

try {
  const target = databaseTarget(env);
  const database = await openDatabase(target);
  const prisma = database.prisma;
  try {
    await applyMigrations({ database, target, log: (message) => logger.debug({ engine: message }, 'schema engine') });
  } catch (error) {
    await database.close();
    throw error;
  }
  const loops = [startSyncWorker({ prisma, env, logger, github }), startInboundSync({ prisma, env, logger, github })];
  logger.info({ database: database.kind }, 'worker running');
  process.stderr.write('Fieldtest worker is running\n');
  // Each loop finishes what it holds (a job in hand is never cut off mid-write), then the database closes.
  stopOnSignal(logger, async () => {
    await Promise.all(loops.map((loop) => loop.stop()));
    await database.close();
  });
} catch (error) {
  logger.fatal({ err: error }, 'worker start-up failed');
  process.exit(1);
}

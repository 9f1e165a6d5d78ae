import { type Env, EnvError, parseEnv } from './env.ts';
import { AppError } from './lib/app-error.ts';
import { createLogger } from './lib/logger.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { startServer } from './start-server.ts';

let env: Env;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`Fieldtest cannot start. ${error.message}\nSee .env.example for every variable.\n`);
  process.exit(1);
}
const logger = createLogger(env.logLevel);

try {
  const server = await startServer({ env, logger });
  logger.info({ url: server.url }, 'listening');
  process.stderr.write(`\nFieldtest is running at ${server.url}\n`);
  if (server.setupLink) {
    logger.warn(
      { setupLinkExpiresAt: server.setupLink.expiresAt },
      'no admin yet: open the setup link printed on stderr',
    );
    process.stderr.write(
      `\nNo admin account exists yet. Open this one-time link to create the first admin\n(it expires at ${server.setupLink.expiresAt.toISOString()}; restart to get a new one):\n\n    ${server.setupLink.url}\n\n`,
    );
  }
  stopOnSignal(logger, () => server.stop());
} catch (error) {
  if (error instanceof AppError) {
    process.stderr.write(`Fieldtest cannot start: ${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
}

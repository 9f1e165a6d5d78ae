import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Emulator, type EmulatorConfig } from './emulator.ts';
import { defaultLimits } from './limits.ts';
import { createEmulatorServer } from './server.ts';

/**
 * A local GitHub for tests and offline development: `node --import tsx scripts/github-emulator/main.ts`.
 * Every flag can also come from the environment as GITHUB_EMULATOR_<FLAG> (e.g. --time-scale as
 * GITHUB_EMULATOR_TIME_SCALE; repeatable flags comma-separated). Flags win.
 */
const usage = `Usage: github-emulator [options]
  --port <n>                 port to listen on (0 = any free port; default 0)
  --host <h>                 interface (default 127.0.0.1)
  --token <t>[=<login>]      accepted personal access token, acting as <login> (repeatable;
                             default login: --login); without any, "dev-token" is accepted
  --login <login>            login for tokens without one (default fieldtest-bot)
  --repo <owner/name>        repository that exists from the start (repeatable)
  --any-repo                 any repository asked for exists (for local development)
  --webhook-url <url>        where webhooks are POSTed
  --webhook-secret <s>       secret for X-Hub-Signature-256
  --webhook-concurrency <n>  deliveries in flight at once (default 1)
  --time-scale <n>           divide GitHub's minute/hour windows, retry-after and resets by n (default 1)
  --primary-limit <n>        requests per hour per token (default 5000)
  --content-per-minute <n>   issue/comment creates per minute per token (default 80)
  --content-per-hour <n>     issue/comment creates per hour per token (default 500)
  --max-concurrent <n>       concurrent requests per token (default 100)
  --app-id <id>              GitHub App id (with --app-public-key-file)
  --app-public-key-file <f>  PEM public (or private) key verifying the app's JWTs
  --app-slug <slug>          app slug; installation tokens act as <slug>[bot] (default fieldtest)
  --oauth-client-id <id>     an OAuth app people sign in with (with --oauth-client-secret)
  --oauth-client-secret <s>  its client secret`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string', multiple: true },
  login: { type: 'string' },
  repo: { type: 'string', multiple: true },
  'any-repo': { type: 'boolean' },
  'webhook-url': { type: 'string' },
  'webhook-secret': { type: 'string' },
  'webhook-concurrency': { type: 'string' },
  'time-scale': { type: 'string' },
  'primary-limit': { type: 'string' },
  'content-per-minute': { type: 'string' },
  'content-per-hour': { type: 'string' },
  'max-concurrent': { type: 'string' },
  'app-id': { type: 'string' },
  'app-public-key-file': { type: 'string' },
  'app-slug': { type: 'string' },
  'oauth-client-id': { type: 'string' },
  'oauth-client-secret': { type: 'string' },
  help: { type: 'boolean' },
} as const;

type Flag = Exclude<keyof typeof options, 'help'>;

function fail(message: string): never {
  process.stderr.write(`github-emulator: ${message}\n${usage}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options, strict: true });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

function envName(flag: Flag): string {
  return `GITHUB_EMULATOR_${flag.toUpperCase().replaceAll('-', '_')}`;
}

function single(flag: Flag): string | undefined {
  const value = values[flag];
  if (typeof value === 'string') return value;
  return process.env[envName(flag)] || undefined;
}

function many(flag: Flag): string[] {
  const value = values[flag];
  if (Array.isArray(value)) return value;
  return (process.env[envName(flag)] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function positive(flag: Flag, fallback: number): number {
  const raw = single(flag);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0)) fail(`--${flag} must be a positive number, got ${raw}`);
  return value;
}

const login = single('login') ?? 'fieldtest-bot';
const tokens = new Map<string, string>();
for (const entry of many('token')) {
  const [token, tokenLogin] = entry.split('=', 2);
  if (token) tokens.set(token, tokenLogin || login);
}
if (tokens.size === 0) tokens.set('dev-token', login);

const appId = single('app-id');
const keyFile = single('app-public-key-file');
if ((appId === undefined) !== (keyFile === undefined)) fail('--app-id and --app-public-key-file go together');
const oauthId = single('oauth-client-id');
const oauthSecret = single('oauth-client-secret');
if ((oauthId === undefined) !== (oauthSecret === undefined)) {
  fail('--oauth-client-id and --oauth-client-secret go together');
}

const config: EmulatorConfig = {
  tokens,
  webhookUrl: single('webhook-url') ?? null,
  webhookSecret: single('webhook-secret') ?? null,
  webhookConcurrency: positive('webhook-concurrency', 1),
  limits: {
    timeScale: positive('time-scale', defaultLimits.timeScale),
    primaryPerHour: positive('primary-limit', defaultLimits.primaryPerHour),
    contentPerMinute: positive('content-per-minute', defaultLimits.contentPerMinute),
    contentPerHour: positive('content-per-hour', defaultLimits.contentPerHour),
    maxConcurrent: positive('max-concurrent', defaultLimits.maxConcurrent),
  },
  app:
    appId && keyFile
      ? { id: appId, slug: single('app-slug') ?? 'fieldtest', publicKey: createPublicKey(readFileSync(keyFile)) }
      : null,
  oauth: oauthId && oauthSecret ? { clientId: oauthId, clientSecret: oauthSecret } : null,
  repos: many('repo'),
  anyRepo: values['any-repo'] === true || ['1', 'true'].includes(process.env.GITHUB_EMULATOR_ANY_REPO ?? ''),
};

const emulator = new Emulator(config);
const server = createEmulatorServer(emulator);
const port = Number(single('port') ?? 0);
const host = single('host') ?? '127.0.0.1';
server.listen(port, host, () => {
  const address = server.address() as AddressInfo;
  emulator.base = `http://${host}:${address.port}`;
  process.stdout.write(`GitHub emulator listening on ${emulator.base}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}

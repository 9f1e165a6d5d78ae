// `npm run demo`: the portal with a populated program, synced with a local GitHub emulator.
// PORT (default 3000) is the portal's, DEMO_GITHUB_PORT (default any free one) the emulator's.
// A fresh embedded database under ./data/demo (DEMO_DATA_DIR) each time; GitHub's rate windows run 60 times
// faster (GITHUB_TIME_SCALE, the emulator scaled alike), so ~300 issues are created in seconds
// while the sync still respects every limit. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEnv } from '../api/env.ts';
import { createLogger } from '../api/lib/logger.ts';
import { startServer } from '../api/start-server.ts';
import { rescueDemo } from './demo/rescue-demo.ts';
import { seedDemoProgram } from './demo/seed-demo-program.ts';
import { triageDemoIssues } from './demo/triage-demo-issues.ts';
import { verificationDemo } from './demo/verification-demo.ts';
import { startGithubEmulator } from './github-emulator/start-github-emulator.ts';

const started = Date.now();
const port = process.env.PORT ?? '3000';
const dataDir = resolve(process.env.DEMO_DATA_DIR ?? 'data/demo');
const repo = 'acme/desktop';
const timeScale = 60;
const secret = randomBytes(16).toString('hex');
const password = 'demo password 2026';
const say = (message: string) =>
  process.stderr.write(`[demo ${((Date.now() - started) / 1000).toFixed(1)} s] ${message}\n`);

const githubPort = Number(process.env.DEMO_GITHUB_PORT || 0);
if (!Number.isInteger(githubPort) || githubPort < 0 || githubPort > 65_535) {
  process.stderr.write(`DEMO_GITHUB_PORT must be a port number (0 to 65535), not ${process.env.DEMO_GITHUB_PORT}\n`);
  process.exit(1);
}

await rm(dataDir, { recursive: true, force: true });
const emulator = await startGithubEmulator({
  repos: [repo],
  timeScale,
  webhookSecret: secret,
  webhookConcurrency: 4,
  port: githubPort,
});
say(`GitHub emulator at ${emulator.url}`);
const env = parseEnv({
  ...process.env,
  PORT: port,
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  GITHUB_API_URL: emulator.url,
  GITHUB_TOKEN: emulator.token,
  GITHUB_WEBHOOK_SECRET: secret,
  GITHUB_TIME_SCALE: String(timeScale),
  // The demo fills its database in this very process: that work is no overload to shed.
  MAX_EVENT_LOOP_DELAY_MS: process.env.MAX_EVENT_LOOP_DELAY_MS ?? '0',
});
const server = await startServer({ env, logger: createLogger(env.logLevel) });
await emulator.control.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
const stop = async () => {
  await server.stop(2000);
  await emulator.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

say(`the portal is up at ${server.url}; the program fills in as its issues are created and triaged`);
const { prisma } = server;
const demo = await seedDemoProgram(prisma, { repo, password });
const total = await prisma.report.count({ where: { programId: demo.programId } });
say(`seeded ${total} reports from 40 MVPs and 6 internal testers; the sync is creating their issues`);

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`The demo gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
let shown = 0;
await waitFor('the issues', async () => {
  const synced = await prisma.report.count({ where: { programId: demo.programId, issueNumber: { not: null } } });
  if (synced - shown >= 100) {
    shown = synced;
    say(`${synced}/${total} issues created`);
  }
  return synced === total;
});
say('engineering triages on GitHub: priority labels, duplicates, fixes, issues opened by QA');
const actions = await triageDemoIssues(prisma, emulator.control, demo);
await waitFor('the webhooks', async () => (await prisma.webhookDelivery.count({ where: { status: 'pending' } })) === 0);
say(`${actions} changes on GitHub followed back into Fieldtest`);
const checked = await verificationDemo(prisma, emulator.control, demo);
say(`finders checked fixes: ${checked.answered} of ${checked.requests} answered, ${checked.stillBroken} still broken`);
const rescue = await rescueDemo(prisma, emulator.control, demo);
say(`rescue: ${rescue.sent} not-planned bug sent back to engineering, ${rescue.listed} left on the list`);

say(`the demo is populated: ${((Date.now() - started) / 1000).toFixed(1)} s from start`);
process.stderr.write(`
Fieldtest demo is running at ${server.url}

  Program lead  ${demo.admin.email}  /  ${password}   → Programs → Acme Desktop MVPs → Statistics
  Customer      ${demo.mvp.email}  /  ${password}
  GitHub        ${emulator.url} (emulator; issues at ${emulator.url}/_emulator/issues?repo=${repo})

Ctrl-C stops it. Each run starts from a fresh demo database in ${dataDir}.
`);

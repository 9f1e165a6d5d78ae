import { randomBytes } from 'node:crypto';
import { parseEnv } from '../../api/env.ts';
import { createGithubClient } from '../../api/github-sync/client/github-client.ts';
import { type InboundSync, startInboundSync } from '../../api/github-sync/inbound/start-inbound-sync.ts';
import { createLogger } from '../../api/lib/logger.ts';
import type { GithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { waitForDeliveries, webhookSecret } from './github-inbound-fixtures.ts';
import type { TestClient } from './http-client.ts';
import { bodyOf } from './problem.ts';
import { signedInClient, startTestServer, type TestServer } from './test-server.ts';

// The order-independence property's world: one GitHub emulator (GitHub's truth, read when the
// inbound sync must ask GitHub, e.g. for a canonical issue it does not know yet) and several real
// servers, each on a fresh database with its own inbound loop. The emulator sends no webhooks: the
// test posts the same deliveries to every server, each in an order of its own. Servers are reused
// across the property's runs; each run makes a program, a release and a repository of its own.

export type OrderServer = {
  server: TestServer;
  sync: InboundSync;
  webhookUrl: string;
  /** Reads every figure (admin). */
  lead: TestClient;
  mvps: { id: string; client: TestClient }[];
  testers: { id: string; client: TestClient }[];
};

export type OrderWorld = { emulator: GithubEmulator; servers: OrderServer[]; stop: () => Promise<void> };

export async function startOrderWorld(options: { servers: number; mvps: number; testers: number }) {
  const emulator = await startGithubEmulator({
    webhookSecret,
    // Issues are opened through the control API; the limits are not what this test is about.
    limits: { contentPerMinute: 100_000, contentPerHour: 1_000_000, primaryPerHour: 1_000_000 },
  });
  const servers: OrderServer[] = [];
  const world: OrderWorld = {
    emulator,
    servers,
    stop: async () => {
      for (const one of servers) {
        await one.sync.stop();
        await one.server.stop();
      }
      await emulator.stop();
    },
  };
  try {
    await emulator.control.setWebhookMode('drop');
    for (let index = 0; index < options.servers; index += 1) {
      servers.push(await startOrderServer(emulator, options));
    }
  } catch (error) {
    await world.stop();
    throw error;
  }
  return world;
}

async function startOrderServer(
  emulator: GithubEmulator,
  options: { mvps: number; testers: number },
): Promise<OrderServer> {
  const serverEnv = {
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: emulator.token,
    GITHUB_WEBHOOK_SECRET: webhookSecret,
    SYNC_WORKER: 'false',
  };
  const server = await startTestServer(serverEnv);
  const env = parseEnv({ ...serverEnv, LOG_LEVEL: 'silent' });
  // Reconciliation stays off: what is under test is what the webhooks alone leave behind.
  const sync = startInboundSync({
    prisma: server.prisma,
    env,
    logger: createLogger('silent'),
    github: createGithubClient(env.github)!,
    pollMs: 20,
    retryDelayMs: 50,
    reconcile: false,
  });
  try {
    const { client: lead } = await signedInClient(server, 'admin');
    const mvps: OrderServer['mvps'] = [];
    for (let index = 0; index < options.mvps; index += 1) {
      const { user, client } = await signedInClient(server, 'mvp');
      await server.prisma.mvpProfile.create({
        data: {
          userId: user.id,
          company: 'Customer Co',
          handle: `finder-${randomBytes(3).toString('hex')}`,
          platforms: [],
          devices: [],
        },
        select: { userId: true },
      });
      mvps.push({ id: user.id, client });
    }
    const testers: OrderServer['testers'] = [];
    for (let index = 0; index < options.testers; index += 1) {
      const { user, client } = await signedInClient(server, 'internal_tester');
      testers.push({ id: user.id, client });
    }
    return { server, sync, webhookUrl: `${server.url}/api/github/webhooks`, lead, mvps, testers };
  } catch (error) {
    await sync.stop();
    await server.stop();
    throw error;
  }
}

/**
 * A program on `repo` (levels P0..P3, threshold P1, not actionable: invalid, wontfix; components
 * Sync and Printing; no terms to accept), a release in testing for two days from `testStart`, and every MVP of the
 * pool enrolled in it. Names and version are the caller's, so that two servers' figures compare.
 */
export async function createOrderProgram(
  one: OrderServer,
  options: { repo: string; name: string; version: string; testStart: Date },
) {
  const { prisma } = one.server;
  const program = await prisma.program.create({
    data: {
      name: options.name,
      product: 'Acme Desktop',
      githubRepo: options.repo,
      priorityLevels: ['P0', 'P1', 'P2', 'P3'],
      priorityLabels: ['P0', 'P1', 'P2', 'P3'].map((level) => ({ label: level, level })),
      priorityThreshold: 'P1',
      notActionableLabels: ['invalid', 'wontfix'],
      components: ['Sync', 'Printing'],
    },
    select: { id: true },
  });
  const release = await prisma.release.create({
    data: {
      programId: program.id,
      version: options.version,
      build: options.version,
      testStart: options.testStart,
      testEnd: new Date(options.testStart.getTime() + 2 * 86_400_000),
      instructions: '',
      status: 'testing',
    },
    select: { id: true },
  });
  // Internal testers work on the programs they are members of.
  for (const tester of one.testers) await one.server.addToPrograms(tester.id, [program.id]);
  await prisma.enrolment.createMany({
    data: one.mvps.map((mvp, index) => ({
      releaseId: release.id,
      userId: mvp.id,
      email: `mvp-${index}-${options.version}@example.test`,
      name: `MVP ${index}`,
      company: 'Customer Co',
      status: 'active' as const,
      source: 'invitation' as const,
    })),
  });
  return { programId: program.id, releaseId: release.id };
}

/** Files a report through the portal's API as the reporter, and returns its id. */
export async function fileThroughApi(
  client: TestClient,
  options: { releaseId: string; title: string; component: string },
): Promise<string> {
  const response = await client.api.api.reports.$post({
    json: {
      releaseId: options.releaseId,
      title: options.title,
      steps: 'Open a document, then print it',
      expected: 'It prints',
      actual: 'It crashes',
      severity: 'major',
      component: options.component,
      clientKey: `order-${randomBytes(8).toString('hex')}`,
    },
  });
  return (await bodyOf(response, 201)).id;
}

/** Waits until the server has processed every delivery it stored, nudging its inbound loop. */
export function settleServer(one: OrderServer, timeoutMs = 30_000): Promise<void> {
  return waitForDeliveries(one, timeoutMs);
}

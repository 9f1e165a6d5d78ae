import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { repo, signedDeliveries } from './github-deliveries.ts';
import { describe, type Figures, fixed, measure } from './measure.ts';
import { type SenderSettings, senderPath } from './send-webhooks.ts';

/** The goal's rate: deliveries a second accepted, with p99 acknowledgement under 20 ms at that rate. */
const goalRate = 1000;

type SenderFigures = Figures & { refused: number; meanBytes: number; connections?: number; clientLagP99?: number };

/**
 * Webhook intake: signed `issues` deliveries (GitHub-sized payloads, a unique X-GitHub-Delivery
 * each) POSTed to /api/github/webhooks, which verifies, stores and acknowledges them. First the most
 * it accepts (closed loop), then the latency GitHub would see at the goal's rate (open loop), each
 * from a load generator in its own process; then, for reference, plain single-row inserts of the
 * same rows from the bench's Prisma client into the same database. The server runs with
 * SYNC_WORKER=false: the goal is the acknowledgement, and processing would compete with it for the
 * same two cores.
 */
export async function benchWebhookIntake(server: BenchServer, options: { seconds: number; concurrency: number }) {
  const secret = randomBytes(20).toString('hex');
  // The bench's default server has no webhook secret: one with it takes its place.
  await server.stop(1000);
  const intake = await startBenchServer(server.target, {
    env: { GITHUB_WEBHOOK_SECRET: secret, SYNC_WORKER: 'false' },
  });
  try {
    const send = (load: SenderSettings['load']) =>
      runSender({ url: intake.url, secret, seconds: options.seconds, load });
    const most = await send({ mode: 'saturate', concurrency: options.concurrency });
    const atGoal = await send({ mode: 'offer', rate: goalRate });
    const refused = most.refused + atGoal.refused;
    if (refused) throw new Error(`${refused} deliveries were not acknowledged as queued`);
    const stored = await intake.prisma.webhookDelivery.count();
    const acknowledged = most.count + atGoal.count;
    if (stored < acknowledged) throw new Error(`${acknowledged} deliveries acknowledged, but only ${stored} stored`);

    // PostgreSQL's own latency at the goal's rate, with nothing in between.
    const target = server.target;
    const alone =
      target.kind === 'postgres'
        ? await send({ mode: 'insert', rate: goalRate, databaseUrl: target.url, schema: target.schema ?? 'public' })
        : null;

    const { prisma } = intake;
    const signed = signedDeliveries(secret);
    const raw = await measure(async (worker, n) => {
      const { body, payload } = signed[(worker * 7 + n) % signed.length]!;
      await prisma.$executeRaw`
        insert into "WebhookDelivery" (id, event, action, repo, "issueNumber", payload, status, outcome, "processedAt")
        values (${randomUUID()}, 'issues', ${payload.action}, ${repo}, ${payload.issue.number}::integer,
          ${body.toString()}::jsonb, 'pending'::"DeliveryStatus", null, null)
        on conflict (id) do nothing`;
    }, options);
    return [
      `intake          POST /api/github/webhooks (${(most.meanBytes / 1024).toFixed(1)} KB signed issues deliveries, SYNC_WORKER=false)`,
      `                most accepted (${options.concurrency} connections, closed loop): ${describe(most, 'deliveries/s')}`,
      `                at ${goalRate}/s offered (open loop, ${atGoal.connections} connections): ${describe(atGoal, 'deliveries/s')}` +
        ` (the load generator's own lateness: p99 ${fixed(atGoal.clientLagP99 ?? 0)} ms)`,
      alone
        ? `                PostgreSQL alone, the same rows one per statement at ${goalRate}/s (open loop, driver): ` +
          `${describe(alone, '/s')}; API p99 / its p99 ${(atGoal.p99 / alone.p99).toFixed(2)}`
        : `                PostgreSQL alone: measured on PostgreSQL only`,
      `                plain Prisma single-row inserts (closed loop): ${describe(raw, '/s')}`,
      `                goal on PostgreSQL: ≥ ${goalRate}/s (ratio ${(most.perSecond / goalRate).toFixed(2)}), ` +
        `p99 at ${goalRate}/s < 20 ms (ratio ${(atGoal.p99 / 20).toFixed(2)})`,
    ].join('\n');
  } finally {
    await intake.stop(1000);
  }
}

async function runSender(settings: SenderSettings): Promise<SenderFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', senderPath, JSON.stringify(settings)], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the webhook sender failed (${code}):\n${stderr}`);
  return JSON.parse(stdout) as SenderFigures;
}

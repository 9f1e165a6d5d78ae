import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpTestingRelease } from '../support/first-release.ts';
import { createClient } from '../support/http-client.ts';
import { taggedPng } from '../support/sample-files.ts';
import { freePort, serverProcesses } from '../support/server-process.ts';
import { createTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const { start, afterwards } = serverProcesses();

describe('filing through a crash', () => {
  it('keeps every report that got a 201, with its attachments, through kill -9 and a restart', async () => {
    const env: Record<string, string> = { PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    const database = await createTestDatabase();
    afterwards(database.drop);
    Object.assign(env, database.env);
    if (testDatabaseKind() === 'postgres') env.ATTACHMENTS_DIR = await mkdtemp(join(tmpdir(), 'ft-durable-files-'));
    const first = await start(env);
    const [, setupLink] = await first.waitFor(/(http:\S+\/setup#\S+)/);
    const lead = createClient(first.url);
    const releaseId = await setUpTestingRelease(lead, setupLink!, { name: 'Durability', githubRepo: 'acme/app' });
    const cookie = [...lead.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

    const confirmed: { reportId: string; attachmentId: string; sha256: string }[] = [];
    let stop = false;
    const clients = Array.from({ length: 8 }, async (_, worker) => {
      for (let n = 0; !stop; n++) {
        try {
          const bytes = taggedPng(`${worker}-${n}-${randomUUID()}`);
          const form = new FormData();
          form.set('file', new Blob([bytes], { type: 'image/png' }), 'screen.png');
          const upload = await fetch(`${first.url}/api/attachments`, {
            method: 'POST',
            headers: { cookie },
            body: form,
          });
          if (upload.status !== 201) continue;
          const attachment = (await upload.json()) as { id: string };
          const filed = await fetch(`${first.url}/api/reports`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: JSON.stringify({
              releaseId,
              title: `Crash ${worker}-${n}`,
              steps: 'Open it',
              expected: 'Works',
              actual: 'Crashes',
              severity: 'major',
              attachmentIds: [attachment.id],
              clientKey: randomUUID(),
            }),
          });
          if (filed.status === 201) {
            const report = (await filed.json()) as { id: string };
            confirmed.push({
              reportId: report.id,
              attachmentId: attachment.id,
              sha256: createHash('sha256').update(bytes).digest('hex'),
            });
          }
        } catch {
          // The server died under this request: its outcome is unknown, so it is not counted.
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    first.child.kill('SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(clients);
    expect(confirmed.length).toBeGreaterThan(5);

    const second = await start(env);
    for (const { reportId, attachmentId, sha256 } of confirmed) {
      const report = await fetch(`${second.url}/api/reports/${reportId}`, { headers: { cookie } });
      expect(report.status, `report ${reportId}`).toBe(200);
      const body = (await report.json()) as { attachments: { id: string }[] };
      expect(body.attachments.map((attachment) => attachment.id)).toEqual([attachmentId]);
      const file = await fetch(`${second.url}/api/attachments/${attachmentId}`, { headers: { cookie } });
      expect(file.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await file.arrayBuffer()))
          .digest('hex'),
      ).toBe(sha256);
    }
  }, 120_000);
});

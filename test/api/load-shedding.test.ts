import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../api/env.ts';
import { readProblem } from '../support/problem.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Past its limit of requests at once, a process answers new ones at once with 503 and Retry-After
// rather than making everyone wait; health checks still answer, and nothing already in flight is
// lost. Requests are held in flight by sending their bodies slowly, as a slow client would.

let server: TestServer;
let lagging: TestServer;
beforeAll(async () => {
  [server, lagging] = await Promise.all([
    startTestServer({ MAX_REQUESTS_IN_FLIGHT: '2' }),
    startTestServer({ MAX_REQUESTS_IN_FLIGHT: '0', MAX_EVENT_LOOP_DELAY_MS: '150' }),
  ]);
});
afterAll(() => Promise.all([server?.stop(), lagging?.stop()]));

/** A sign-in whose body is sent in two halves: in flight until `finish` sends the rest. */
function slowSignIn(): { finish: () => void; status: Promise<number> } {
  const body = JSON.stringify({ email: 'nobody@example.test', password: 'not a real password' });
  const url = new URL('/api/auth/sign-in', server.url);
  let finish = () => {};
  const status = new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: url.origin },
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { finish, status };
}

describe('shedding load', () => {
  it('answers 503 with Retry-After past the limit, serves health checks, and loses nothing in flight', async () => {
    const client = server.client();
    // The client checks answers against the OpenAPI document: read it while the server is idle.
    expect((await client.api.api.auth.session.$get()).status).toBe(200);
    const held = [slowSignIn(), slowSignIn()];
    // Both are in flight once a third request is refused.
    await expect
      .poll(async () => (await client.api.api.auth.session.$get()).status, { timeout: 5_000, interval: 50 })
      .toBe(503);
    const refused = await client.api.api.auth.session.$get();
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await readProblem(refused)).toMatchObject({ status: 503, code: 'unavailable' });
    expect((await client.api.api.health.$get()).status).toBe(200);

    for (const request of held) request.finish();
    // The held requests get their own answers (a wrong password), not an error of the shedding.
    expect(await Promise.all(held.map((request) => request.status))).toEqual([401, 401]);
    expect((await client.api.api.auth.session.$get()).status).toBe(200);
  });

  it('answers 503 while the event loop runs late, as it does when the embedded database is overrun', async () => {
    // Read the OpenAPI document the client checks answers against once the start-up's work is done.
    await expect
      .poll(async () => (await fetch(`${lagging.url}/api/openapi.json`)).status, { timeout: 15_000, interval: 200 })
      .toBe(200);
    const client = lagging.client();
    expect((await client.api.api.auth.session.$get()).status).toBe(200);
    // The server shares this process's loop: hold it as a flood of queries would.
    const until = performance.now() + 1000;
    while (performance.now() < until) {
      // busy
    }
    const refused = await client.api.api.auth.session.$get();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await client.api.api.health.$get()).status).toBe(200);
    // Once the loop keeps time again, requests are answered.
    await expect
      .poll(async () => (await client.api.api.auth.session.$get()).status, { timeout: 15_000, interval: 200 })
      .toBe(200);
  });

  it('is on by default on the embedded database and off on PostgreSQL', () => {
    expect(parseEnv({})).toMatchObject({ maxRequestsInFlight: 32, maxEventLoopDelayMs: 100 });
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/fieldtest' })).toMatchObject({
      maxRequestsInFlight: 0,
      maxEventLoopDelayMs: 0,
    });
    expect(parseEnv({ MAX_REQUESTS_IN_FLIGHT: '0' }).maxRequestsInFlight).toBe(0);
  });
});

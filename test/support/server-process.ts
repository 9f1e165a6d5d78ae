import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `api/main.ts` as its own process, the way `npm start` runs it, with its output kept for assertions. */
export function spawnServer(env: Record<string, string>) {
  return spawnScript('api/main.ts', env);
}

/** A TypeScript entry point of the package (a server, the demo) as its own process. */
export function spawnScript(script: string, env: Record<string, string>, args: string[] = []) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    // Tests share two cores with each other, and some send bursts on purpose: no overload to shed.
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      MAX_REQUESTS_IN_FLIGHT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves with the first match in stdout or stderr, or fails when the process ends first. */
    waitFor: async (pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> => {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => {
        done = true;
      });
      while (Date.now() < deadline) {
        const match = stderr.match(pattern) ?? stdout.match(pattern);
        if (match) return match;
        if (done) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`Never saw ${pattern}.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    },
  };
}

/**
 * For a file whose tests start servers as processes: `start` spawns one and waits until it
 * listens. After the file's tests every server is killed (-9) and every clean-up handed to
 * `afterwards` runs, newest first.
 */
export function serverProcesses() {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const afterwards = (cleanup: () => Promise<unknown>) => {
    cleanups.push(cleanup);
  };
  async function start(env: Record<string, string>) {
    const server = spawnServer(env);
    afterwards(async () => {
      server.child.kill('SIGKILL');
      await server.exited;
    });
    const [, url] = await server.waitFor(/Fieldtest is running at (\S+)/);
    return { ...server, url: url! };
  }
  return { start, afterwards };
}

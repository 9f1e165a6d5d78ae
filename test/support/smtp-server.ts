import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string };

/** Starts the SMTP sink process; `received` lists what it has been sent so far. */
export async function startSmtpServer() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./smtp-sink.ts', import.meta.url))],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const received: ReceivedMail[] = [];
  let buffer = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP sink exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if ('listening' in line) resolve(line.listening);
        else received.push(line);
        newline = buffer.indexOf('\n');
      }
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Waits until a message matching the predicate has arrived. */
    waitFor: async (predicate: (mail: ReceivedMail) => boolean, timeoutMs = 15_000): Promise<ReceivedMail> => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = received.find(predicate);
        if (match) return match;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(
        `No such message arrived; received: ${JSON.stringify(received.map((mail) => [mail.to, mail.subject]))}`,
      );
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Browser tests run against the built portal, as `npm start` serves it: build it once per run.
export default function buildPortal(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const vite = createRequire(import.meta.url).resolve('vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

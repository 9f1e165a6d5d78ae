import { fileURLToPath } from 'node:url';
import { build } from 'vite';

// Browser tests run against the built portal, as `npm start` serves it: build it once per run.
export default async function buildPortal(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

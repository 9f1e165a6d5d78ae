// Runs `prisma generate`. The CLI insists on locating its native schema engine first, even though
// generation never uses it; where that binary could not be downloaded (an offline machine), any
// executable satisfies the check, so we point it at Node itself.
// Prisma's own output (which config it loaded, which schema, where it wrote) is shown only when
// generation fails; success is one line.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const enginesDir = dirname(require.resolve('@prisma/engines/package.json'));
const hasEngine = readdirSync(enginesDir).some((file) => file.startsWith('schema-engine'));
const env = { ...process.env };
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { encoding: 'utf8', env });
if (result.status === 0) {
  console.log('Generated the database client (api/generated/prisma).');
} else {
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.error) console.error(result.error.message);
}
process.exit(result.status ?? 1);

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { schemaPath } from './migration-files.ts';

let loaded: Promise<typeof SchemaEngine> | undefined;

// The package imports its .wasm as an ES module, which Node 20 accepts only behind
// --experimental-wasm-modules; instantiating it by hand keeps the flag out of every command.
function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg.SchemaEngine as typeof SchemaEngine;
  })();
  return loaded;
}

export type EngineLog = (message: string) => void;

/** Opens Prisma's schema engine (the one behind `prisma migrate`) on a driver adapter. */
export async function openSchemaEngine(options: {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  log?: EngineLog;
}): Promise<SchemaEngine> {
  const Engine = await loadSchemaEngine();
  const schema = await readFile(schemaPath, 'utf8');
  return Engine.new(
    { datamodels: [[schemaPath, schema]] },
    (message: string) => options.log?.(message),
    bindMigrationAwareSqlAdapterFactory(options.adapterFactory),
  );
}

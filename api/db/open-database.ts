import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { Sql } from './sql.ts';

export type Database = {
  prisma: PrismaClient;
  /** Driver-level statements on the same database (see sql.ts). */
  sql: Sql;
  /**
   * A driver adapter for the schema engine, with its own connections: the engine holds a
   * session-level advisory lock on its connection, which must close when migrations end.
   */
  openMigrationAdapter: () => { factory: SqlMigrationAwareDriverAdapterFactory; dispose: () => Promise<void> };
  kind: 'pglite' | 'postgres';
  /** The embedded database's data folder as one gzipped tar, taken between two statements; null on a server. */
  snapshot: (() => Promise<Blob>) | null;
  close: () => Promise<void>;
};

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string; poolSize: number; schema?: string | undefined };

/** Opens PGlite in a folder (or in memory when dataDir is null), or a pool to a PostgreSQL server. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') {
    const unlock = target.dataDir ? await lockDataDir(target.dataDir) : async () => {};
    try {
      const pglite = target.dataDir ? new PGlite(join(target.dataDir, 'pg')) : new PGlite();
      await pglite.waitReady;
      const adapterFactory = new PrismaPGlite(pglite);
      const prisma = new PrismaClient({ adapter: adapterFactory });
      return {
        prisma,
        sql: async <Row>(text: string, params: readonly unknown[]) => (await pglite.query<Row>(text, [...params])).rows,
        openMigrationAdapter: () => ({ factory: adapterFactory, dispose: async () => {} }),
        kind: 'pglite',
        snapshot: () => pglite.dumpDataDir('gzip'),
        close: async () => {
          await prisma.$disconnect();
          await pglite.close();
          await unlock();
        },
      };
    } catch (error) {
      await unlock();
      throw error;
    }
  }
  const options = target.schema ? `-c search_path=${target.schema}` : undefined;
  const schemaOption = target.schema ? { schema: target.schema } : undefined;
  // One pool for Prisma and for driver-level statements.
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize, options });
  // An idle connection the server dropped: the pool discards it and the next statement opens another.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schemaOption) });
  return {
    prisma,
    sql: async <Row extends pg.QueryResultRow>(text: string, params: readonly unknown[]) =>
      (await pool.query<Row>(text, [...params])).rows,
    openMigrationAdapter: () => {
      const pool = new pg.Pool({ connectionString: target.url, max: 2, options });
      return {
        factory: wholeScripts(new PrismaPg(pool, schemaOption), pool),
        dispose: () => pool.end(),
      };
    },
    kind: 'postgres',
    snapshot: null,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * The pg adapter runs a migration script by splitting it at every `;`, which breaks a function
 * body in a hand-written migration. PostgreSQL takes a whole script in one simple query (run as
 * one transaction), so scripts are sent whole.
 */
function wholeScripts(factory: PrismaPg, pool: pg.Pool): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const onError = (adapter as unknown as { onError?: (error: unknown) => never }).onError?.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        if (onError) onError(error);
        throw error;
      }
    };
    return adapter;
  };
  return factory;
}

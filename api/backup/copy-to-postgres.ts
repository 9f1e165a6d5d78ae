import type pg from 'pg';
import type { Sql } from '../db/sql.ts';

// Moving from the embedded database to a PostgreSQL server: every row of every table, copied into a
// server database that has the same migrations applied and holds nothing yet, in one transaction
// (a failure leaves the server database as empty as it was). Rows travel as JSON, which PostgreSQL
// turns back into each column's type (arrays, jsonb, enums, timestamps), a batch at a time so memory
// stays bounded. The tables' own triggers are off during the copy: the tables they maintain (report
// clusters, the search index) are copied as they are. Tables go in the order of their foreign keys;
// a table's references to itself (a duplicate's canonical report) are set once all its rows are in.

const batchRows = 500;
const migrationsTable = '_prisma_migrations';

type ForeignKey = { table: string; references: string; columns: string[] };

export class CopyError extends Error {}

export async function copyToPostgres(options: {
  source: Sql;
  target: pg.ClientBase;
  log?: (message: string) => void;
}): Promise<{ tables: { name: string; rows: number }[] }> {
  const { source, target } = options;
  const log = options.log ?? (() => {});
  const sourceMigrations = await appliedMigrations((text) => source<{ name: string }>(text, []));
  const targetMigrations = await appliedMigrations(async (text) => (await target.query<{ name: string }>(text)).rows);
  if (sourceMigrations.join() !== targetMigrations.join()) {
    throw new CopyError('The two databases are not at the same migrations: start Fieldtest on each once, then copy.');
  }
  const tables = (
    await source<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() and tablename <> $1 order by 1`,
      [migrationsTable],
    )
  ).map((row) => row.name);
  for (const table of tables) {
    const { rows } = await target.query(`select 1 from ${quote(table)} limit 1`);
    if (rows.length > 0)
      throw new CopyError(`The PostgreSQL database already holds data (${table}): copy into an empty one.`);
  }
  const keys = await source<ForeignKey>(
    `select c.conrelid::regclass::text as table, c.confrelid::regclass::text as references,
            array(select a.attname from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns
       from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`,
    [],
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  const foreign = keys.map((key) => ({ ...key, table: unquote(key.table), references: unquote(key.references) }));
  const order = inDependencyOrder(tables, foreign);

  const copied: { name: string; rows: number }[] = [];
  await target.query('begin');
  try {
    for (const table of order) await target.query(`alter table ${quote(table)} disable trigger user`);
    for (const table of order) {
      const selfColumns = foreign
        .filter((key) => key.table === table && key.references === table)
        .flatMap((key) => key.columns);
      const leftOut = selfColumns.map((column) => ` - ${literal(column)}`).join('');
      let rows = 0;
      for (let offset = 0; ; offset += batchRows) {
        const [batch] = await source<{ rows: string | null; count: number }>(
          `select jsonb_agg(to_jsonb(t)${leftOut})::text as rows, count(*)::int as count
             from (select * from ${quote(table)} order by ctid limit ${batchRows} offset ${offset}) t`,
          [],
        );
        if (!batch?.rows || batch.count === 0) break;
        await target.query(
          `insert into ${quote(table)} select * from jsonb_populate_recordset(null::${quote(table)}, $1::jsonb)`,
          [batch.rows],
        );
        rows += batch.count;
        if (batch.count < batchRows) break;
      }
      for (const column of selfColumns) await copySelfReference(source, target, table, column);
      copied.push({ name: table, rows });
      log(`${table}: ${rows} rows`);
    }
    for (const table of order) await target.query(`alter table ${quote(table)} enable trigger user`);
    // Sequences continue after the copied values.
    const sequences = await target.query<{ table: string; column: string; sequence: string }>(
      `select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
         from pg_class c join pg_attribute a on a.attrelid = c.oid
        where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0
          and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`,
    );
    for (const { table, column, sequence } of sequences.rows) {
      await target.query(
        `select setval($1, coalesce((select max(${quote(column)}) from ${quote(table)}), 0) + 1, false)`,
        [sequence],
      );
    }
    await target.query('commit');
  } catch (error) {
    await target.query('rollback');
    throw error;
  }
  return { tables: copied };
}

async function copySelfReference(source: Sql, target: pg.ClientBase, table: string, column: string) {
  for (let offset = 0; ; offset += batchRows) {
    const [batch] = await source<{ rows: string | null; count: number }>(
      `select jsonb_agg(jsonb_build_object('id', id, 'ref', ${quote(column)}))::text as rows, count(*)::int as count
         from (select id, ${quote(column)} from ${quote(table)} where ${quote(column)} is not null
                order by ctid limit ${batchRows} offset ${offset}) t`,
      [],
    );
    if (!batch?.rows || batch.count === 0) return;
    await target.query(
      `update ${quote(table)} as t set ${quote(column)} = v.ref
         from jsonb_to_recordset($1::jsonb) as v(id uuid, ref uuid) where t.id = v.id`,
      [batch.rows],
    );
    if (batch.count < batchRows) return;
  }
}

async function appliedMigrations(query: (text: string) => Promise<{ name: string }[]>): Promise<string[]> {
  const rows = await query(
    `select migration_name as name from ${migrationsTable} where finished_at is not null and rolled_back_at is null order by 1`,
  ).catch(() => {
    throw new CopyError('A database has no migrations applied: start Fieldtest on it once, then copy.');
  });
  return rows.map((row) => row.name);
}

/** Tables ordered so that each comes after the tables it references (references to itself aside). */
function inDependencyOrder(tables: string[], keys: ForeignKey[]): string[] {
  const placed = new Set<string>();
  const order: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table)) return;
    if (path.has(table)) throw new CopyError(`Tables reference each other in a cycle through ${table}.`);
    path.add(table);
    for (const key of keys) if (key.table === table && key.references !== table) visit(key.references, path);
    path.delete(table);
    placed.add(table);
    order.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return order;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

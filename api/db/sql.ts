/**
 * A statement sent straight to the driver (`$1`, `$2`… placeholders), returning its rows. It is for
 * the one path where Prisma's handling of parameters costs more than the statement itself: webhook
 * intake, whose parameters are GitHub's payloads of several kilobytes each, which Prisma's raw
 * queries serialise to JSON and parse back before the driver sees them. Everything else goes
 * through Prisma. On PGlite it waits for any open Prisma transaction to end, as Prisma's own
 * statements do; on PostgreSQL it shares Prisma's pool.
 */
export type Sql = <Row extends Record<string, unknown>>(text: string, params: readonly unknown[]) => Promise<Row[]>;

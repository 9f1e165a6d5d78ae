import type { z } from 'zod';
import type { Sql } from '../../db/sql.ts';
import { AppError } from '../../lib/app-error.ts';
import type { WebhookAccepted, webhookPayload } from './github-webhooks.schemas.ts';

/** The events the processing loop reads; anything else is acknowledged and stored as ignored. */
export const processedEvents = new Set(['issues', 'issue_comment']);

export type IncomingDelivery = {
  id: string;
  event: string;
  payload: z.output<typeof webhookPayload>;
  /** The body GitHub signed: stored as it came (PostgreSQL parses it as jsonb), not re-serialised. */
  rawBody: string;
};

/**
 * Stores a delivery and answers once it is committed. Nothing else happens on the request path, so
 * GitHub gets its answer in milliseconds; the processing loop does the rest. A redelivery of the
 * same X-GitHub-Delivery finds its row (INSERT … ON CONFLICT DO NOTHING) and changes nothing.
 *
 * Deliveries arriving together share a statement: while a statement is on its way, the ones that
 * come in meanwhile wait and go together in the next, one multi-row INSERT and one commit for all.
 * A lone delivery goes at once (no timer), so a quiet server answers as fast as before; a busy one
 * spends one round trip, one parse and one WAL flush on many deliveries instead of each.
 */
export function storeWebhookDelivery(sql: Sql, delivery: IncomingDelivery): Promise<WebhookAccepted> {
  let batcher = batchers.get(sql);
  if (!batcher) {
    batcher = createBatcher(sql);
    batchers.set(sql, batcher);
  }
  return batcher(delivery);
}

/** Statements in flight at once per database client. */
const statementsInFlight = 2;
/**
 * Deliveries waiting before a second statement goes out beside the first: fewer, fuller statements
 * (one commit each) while one keeps up, both connections once deliveries pile up.
 */
const crowd = 16;
/** A statement's limits: PostgreSQL allows 65,535 parameters (8 a row), and big payloads go fewer at a time. */
const maxRows = 500;
const maxBytes = 16 * 1024 * 1024;

/**
 * GitHub's payloads nest less than ten levels deep. jsonb's parser recurses: PostgreSQL refuses a few
 * thousand levels, and PGlite's WebAssembly stack gives out there without an error, so such a
 * payload is refused before it reaches either.
 */
const maxNesting = 100;

type Row = {
  id: string;
  event: string;
  action: string | null;
  repo: string | null;
  issueNumber: number | null;
  payload: string;
  known: boolean;
  outcome: string | null;
};
type Waiting = { row: Row; done: (inserted: boolean) => void; fail: (error: unknown) => void };

const batchers = new WeakMap<Sql, (delivery: IncomingDelivery) => Promise<WebhookAccepted>>();

function createBatcher(sql: Sql) {
  const queue: Waiting[] = [];
  let inFlight = 0;

  const pump = () => {
    while (queue.length && (inFlight === 0 || (inFlight < statementsInFlight && queue.length >= crowd))) {
      const batch = takeBatch(queue);
      inFlight += 1;
      void insertBatch(sql, batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return async (delivery: IncomingDelivery): Promise<WebhookAccepted> => {
    if (nestedDeeperThan(delivery.rawBody, maxNesting)) {
      const message = `JSON nested deeper than ${maxNesting} levels`;
      throw new AppError('validation', {
        detail: `The payload cannot be stored: ${message}.`,
        fields: [{ field: 'payload', message }],
      });
    }
    const row = toRow(delivery);
    const inserted = await new Promise<boolean>((done, fail) => {
      queue.push({ row, done, fail });
      pump();
    });
    return { delivery: row.id, status: !inserted ? 'duplicate' : row.known ? 'queued' : 'ignored' };
  };
}

function takeBatch(queue: Waiting[]): Waiting[] {
  let rows = 0;
  let bytes = 0;
  while (rows < queue.length && rows < maxRows) {
    bytes += queue[rows]!.row.payload.length;
    if (rows > 0 && bytes > maxBytes) break;
    rows += 1;
  }
  return queue.splice(0, rows);
}

/**
 * One statement for the batch. Should it fail (a payload PostgreSQL refuses, say), each delivery is
 * tried alone, so one bad delivery costs only its own answer.
 */
async function insertBatch(sql: Sql, batch: Waiting[]): Promise<void> {
  // The same delivery twice in one batch (GitHub redelivering while the first is on its way): the
  // statement takes it once, and the second copy is answered as the replay it is.
  const first = new Map<string, Waiting>();
  const copies: Waiting[] = [];
  for (const waiting of batch) {
    if (first.has(waiting.row.id)) copies.push(waiting);
    else first.set(waiting.row.id, waiting);
  }
  const unique = [...first.values()];
  try {
    const inserted = await insertRows(
      sql,
      unique.map((waiting) => waiting.row),
    );
    for (const waiting of unique) waiting.done(inserted.has(waiting.row.id));
    for (const copy of copies) copy.done(false);
  } catch (error) {
    if (unique.length === 1) {
      for (const waiting of batch) waiting.fail(refusal(error) ?? error);
      return;
    }
    await Promise.all(batch.map((waiting) => insertBatch(sql, [waiting])));
  }
}

/**
 * PostgreSQL refusing the payload itself (a data exception, or JSON nested deeper than its stack
 * allows) is the sender's to fix: a 400 naming the payload. Anything else (the database down, say)
 * stays a failure of ours, which GitHub shows as a failed delivery to redeliver.
 */
function refusal(error: unknown): AppError | null {
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (typeof sqlState !== 'string' || !/^(22|54)/.test(sqlState)) return null;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('validation', {
    detail: `The payload cannot be stored: ${message}`,
    fields: [{ field: 'payload', message }],
    cause: error,
  });
}

async function insertRows(sql: Sql, rows: Row[]): Promise<Set<string>> {
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const at = params.length;
    params.push(row.id, row.event, row.action, row.repo, row.issueNumber, row.payload, row.known, row.outcome);
    const $ = (n: number) => `$${at + n}`;
    return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}::integer, ${$(6)}::jsonb,
      case when ${$(7)}::boolean then 'pending' else 'ignored' end::"DeliveryStatus", ${$(8)},
      case when ${$(7)}::boolean then null else now() end)`;
  });
  const inserted = await sql<{ id: string }>(
    `insert into "WebhookDelivery" (id, event, action, repo, "issueNumber", payload, status, outcome, "processedAt")
     values ${values.join(', ')}
     on conflict (id) do nothing
     returning id`,
    params,
  );
  return new Set(inserted.map((row) => row.id));
}

function toRow({ id, event, payload, rawBody }: IncomingDelivery): Row {
  const known = processedEvents.has(event);
  return {
    id,
    event,
    action: payload.action ?? null,
    repo: payload.repository?.full_name ?? null,
    issueNumber: payload.issue?.number ?? null,
    payload: jsonbSafe(rawBody),
    known,
    outcome: known ? null : event === 'ping' ? 'ping: GitHub checks the webhook' : `event ${event} is not synced`,
  };
}

/** Whether the JSON text opens more than `limit` arrays or objects inside one another (strings skipped). */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c) at += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return false;
}

/**
 * jsonb refuses two things JSON allows: U+0000, and a surrogate escape without its pair (a string
 * cut in the middle of an emoji, say). Both become U+FFFD, so the delivery is stored rather than
 * lost. Every backslash in JSON text starts an escape, so walking the escapes in order is exact.
 */
export function jsonbSafe(body: string): string {
  if (!/\\u(?:0000|[dD][89a-fA-F])/.test(body)) return body;
  let pairedLowAt = -1;
  return body.replace(/\\(?:u([0-9a-fA-F]{4})|[^u])/g, (sequence, hex: string | undefined, at: number) => {
    if (hex === undefined) return sequence;
    const code = Number.parseInt(hex, 16);
    if (code === 0) return '\\ufffd';
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(body.slice(at + 6, at + 12));
      if (!next) return '\\ufffd';
      pairedLowAt = at + 6;
      return sequence;
    }
    if (code >= 0xdc00 && code <= 0xdfff && at !== pairedLowAt) return '\\ufffd';
    return sequence;
  });
}

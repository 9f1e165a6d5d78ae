import { describe, expect, it } from 'vitest';
import type { Sql } from '../../api/db/sql.ts';
import {
  type IncomingDelivery,
  jsonbSafe,
  nestedDeeperThan,
  storeWebhookDelivery,
} from '../../api/github-sync/webhooks/store-webhook-delivery.ts';
import { AppError } from '../../api/lib/app-error.ts';

// How deliveries share statements, checked against a stand-in for the database that records each
// statement and answers when the test says so.

type Statement = { ids: string[]; answer: (error?: Error) => void };

function fakeDatabase(options: { refuse?: (ids: string[]) => Error | null } = {}) {
  const statements: Statement[] = [];
  const stored = new Set<string>();
  let waiting: (() => void) | null = null;
  const sql = (async (_text: string, params: readonly unknown[]) => {
    // Eight parameters a row, the delivery's id first.
    const ids = params.filter((_, index) => index % 8 === 0) as string[];
    await new Promise<void>((resolve, reject) => {
      statements.push({ ids, answer: (error) => (error ? reject(error) : resolve()) });
      waiting?.();
    });
    const refused = options.refuse?.(ids);
    if (refused) throw refused;
    const inserted = ids.filter((id) => !stored.has(id));
    for (const id of inserted) stored.add(id);
    return inserted.map((id) => ({ id }));
  }) as Sql;
  const statementCount = async (count: number) => {
    while (statements.length < count) await new Promise<void>((resolve) => (waiting = resolve));
  };
  return { sql, statements, stored, statementCount };
}

const delivery = (id: string, event = 'issues'): IncomingDelivery => ({
  id,
  event,
  payload: { action: 'opened', repository: { full_name: 'acme/app' }, issue: { number: 1 } },
  rawBody: '{"action":"opened"}',
});

describe('storing webhook deliveries', () => {
  it('sends a lone delivery at once, and the ones arriving meanwhile together in the next statement', async () => {
    const db = fakeDatabase();
    const first = storeWebhookDelivery(db.sql, delivery('a'));
    await db.statementCount(1);
    const later = ['b', 'c', 'd'].map((id) => storeWebhookDelivery(db.sql, delivery(id)));
    await Promise.resolve();
    expect(db.statements.map((statement) => statement.ids)).toEqual([['a']]);
    db.statements[0]!.answer();
    await db.statementCount(2);
    expect(db.statements[1]!.ids).toEqual(['b', 'c', 'd']);
    db.statements[1]!.answer();
    const answers = await Promise.all([first, ...later]);
    expect(answers.map((answer) => answer.status)).toEqual(Array(4).fill('queued'));
    expect([...db.stored].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sends a second statement beside the first once sixteen deliveries wait, and never a third', async () => {
    const db = fakeDatabase();
    const first = storeWebhookDelivery(db.sql, delivery('first'));
    await db.statementCount(1);
    const ids = Array.from({ length: 40 }, (_, n) => `d${n}`);
    const rest = ids.map((id) => storeWebhookDelivery(db.sql, delivery(id)));
    await db.statementCount(2);
    await Promise.resolve();
    expect(db.statements.map((statement) => statement.ids)).toEqual([['first'], ids.slice(0, 16)]);
    db.statements[0]!.answer();
    await db.statementCount(3);
    expect(db.statements[2]!.ids).toEqual(ids.slice(16));
    db.statements[1]!.answer();
    db.statements[2]!.answer();
    await Promise.all([first, ...rest]);
    expect(db.stored.size).toBe(41);
  });

  it('stores a delivery sent twice in one statement once, and answers the copy as a replay', async () => {
    const db = fakeDatabase();
    const blocker = storeWebhookDelivery(db.sql, delivery('x'));
    await db.statementCount(1);
    const copies = [
      storeWebhookDelivery(db.sql, delivery('z', 'ping')),
      storeWebhookDelivery(db.sql, delivery('z', 'ping')),
    ];
    db.statements[0]!.answer();
    await db.statementCount(2);
    expect(db.statements[1]!.ids).toEqual(['z']);
    db.statements[1]!.answer();
    await blocker;
    expect((await Promise.all(copies)).map((answer) => answer.status)).toEqual(['ignored', 'duplicate']);
  });

  it('tries each delivery alone when a shared statement fails, so only the bad one fails', async () => {
    const refusal = Object.assign(new Error('invalid input syntax for type json'), { code: '22P02' });
    const db = fakeDatabase({ refuse: (ids) => (ids.includes('bad') ? refusal : null) });
    const blocker = storeWebhookDelivery(db.sql, delivery('p'));
    await db.statementCount(1);
    const batch = ['r', 'bad', 's'].map((id) => storeWebhookDelivery(db.sql, delivery(id)).catch((error) => error));
    db.statements[0]!.answer();
    await blocker;
    // The shared statement, then one statement each.
    await db.statementCount(2);
    expect(db.statements[1]!.ids).toEqual(['r', 'bad', 's']);
    db.statements[1]!.answer();
    await db.statementCount(5);
    for (const statement of db.statements.slice(2)) statement.answer();
    const [r, bad, s] = await Promise.all(batch);
    expect(r).toEqual({ delivery: 'r', status: 'queued' });
    expect(s).toEqual({ delivery: 's', status: 'queued' });
    expect(bad).toBeInstanceOf(AppError);
    expect(bad).toMatchObject({ code: 'validation', fields: [{ field: 'payload' }] });
    expect(db.stored.has('bad')).toBe(false);
  });

  it('passes on a failure of the database itself as it is', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const db = fakeDatabase({ refuse: () => down });
    const answer = storeWebhookDelivery(db.sql, delivery('lost')).catch((error) => error);
    await db.statementCount(1);
    db.statements[0]!.answer();
    expect(await answer).toBe(down);
  });
});

describe('payload text for jsonb', () => {
  it('replaces escaped NULs and surrogates without their pair, and leaves everything else as written', () => {
    const cases: [string, string][] = [
      [String.raw`{"a":"\u0000"}`, String.raw`{"a":"\ufffd"}`],
      [String.raw`{"a":"\\u0000"}`, String.raw`{"a":"\\u0000"}`],
      [String.raw`{"a":"\\\u0000"}`, String.raw`{"a":"\\\ufffd"}`],
      [String.raw`{"a":"\ud800x"}`, String.raw`{"a":"\ufffdx"}`],
      [String.raw`{"a":"\udc00"}`, String.raw`{"a":"\ufffd"}`],
      [String.raw`{"a":"\ud83d\ude00"}`, String.raw`{"a":"\ud83d\ude00"}`],
      [String.raw`{"a":"\ud83d\ud83d\ude00"}`, String.raw`{"a":"\ufffd\ud83d\ude00"}`],
      [String.raw`{"a":"\ude00\ud83d"}`, String.raw`{"a":"\ufffd\ufffd"}`],
      [String.raw`{"a":"\\ud800","b":"\n"}`, String.raw`{"a":"\\ud800","b":"\n"}`],
    ];
    for (const [written, stored] of cases) {
      expect(jsonbSafe(written)).toBe(stored);
      JSON.parse(jsonbSafe(written));
    }
  });

  it('measures nesting outside strings only', () => {
    expect(nestedDeeperThan('{"a":[[{"b":1}]]}', 4)).toBe(false);
    expect(nestedDeeperThan('{"a":[[{"b":[1]}]]}', 4)).toBe(true);
    expect(nestedDeeperThan(`{"a":"${'['.repeat(50)}\\"{"}`, 2)).toBe(false);
  });
});

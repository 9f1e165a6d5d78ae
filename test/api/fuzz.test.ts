import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/generated/prisma/client.ts';
import { hashToken } from '../../api/lib/tokens.ts';
import { arbitraryOf, hostileStrings, type JsonSchema, withOneHostile } from '../support/schema-arbitraries.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Hostile input is part of the spec. Requests built from the OpenAPI document's own schemas, with
// hostile values slipped in (NUL, lone surrogates, LIKE wildcards, backslashes, wrong types, numbers
// as strings, very long and very deep values, broken percent-encoding in paths and queries, bodies
// that are not JSON), go to a real server with real sessions of every role. Whatever comes back:
// no 5xx, every error is problem+json, and status and body match the document (the test client
// checks every response against it, see openapi-check.ts).
//
// Runs are random; a failure prints the request and the seed. Reproduce one with FUZZ_SEED=<seed>
// (and FUZZ_PATH=<path> to replay the failing request alone); FUZZ_RUNS sets requests per operation.

type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', 'admin', 'engineer', 'internal_tester', 'mvp'];
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 20);

type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};

/** One request as generated, kept printable so that a failure says exactly what was sent. */
type FuzzRequest = {
  caller: Caller;
  method: string;
  path: string;
  contentType?: string;
  body?: string | { multipart: { field: string; fileName: string; bytes: number[] }[] };
};

// Started while the file is collected: the document's operations become one test each.
// With a webhook secret, so that unsigned deliveries get 401 rather than 503 (not configured).
const server: TestServer = await startTestServer({ GITHUB_WEBHOOK_SECRET: 'fuzz-webhook-secret' });
afterAll(() => server.stop());
const document: OpenApiDocument = await (await server.client().request('/api/openapi.json')).json();
const users = new Map<Caller, string>();
/** Fixture ids by the name they go by: a path segment (`programs`) or a property (`releaseId`). */
let fixtures: Record<string, string[]> = {};
const ids = (name: string | undefined): readonly string[] => {
  const known = name === undefined ? undefined : fixtures[name];
  return known ?? Object.values(fixtures).flat();
};
let sent = 0;
const statuses = new Map<number, number>();
let started = 0;

beforeAll(async () => {
  for (const caller of callers) if (caller !== 'anonymous') users.set(caller, (await server.createUser(caller)).id);
  fixtures = await createFixtures();
  started = performance.now();
});
afterAll(() => {
  const operations = Object.values(document.paths).flatMap((operations) => Object.keys(operations)).length;
  const answered = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
  console.info(
    `fuzz: ${sent} requests to ${operations} operations in ${Math.round(performance.now() - started)} ms ` +
      `(${answered.join(', ')})`,
  );
});

/**
 * Rows for the generated ids to name, so that requests get past "no such thing": a program with
 * terms the MVP accepted, a release in testing with the MVP in its cohort, reports, enrolments in
 * each state, a staff member to edit. The callers themselves are left out, so that no request
 * disables or demotes the accounts the sessions belong to.
 */
async function createFixtures(): Promise<Record<string, string[]>> {
  const { prisma } = server;
  const mvpId = users.get('mvp')!;
  const day = 86_400_000;
  const program = await prisma.program.create({
    data: {
      name: 'Fuzz',
      product: 'App',
      githubRepo: 'acme/app_x',
      priorityLevels: ['P0', 'P1'],
      priorityThreshold: 'P1',
      priorityLabels: [],
      components: ['Sync', 'Print_ing'],
      terms: { create: { version: 1, text: 'T', textHash: 'h' } },
    },
    select: { id: true, terms: { select: { id: true } } },
  });
  await prisma.termsAcceptance.create({
    data: { userId: mvpId, programId: program.id, termsId: program.terms[0]!.id, version: 1, textHash: 'h' },
  });
  const release = await prisma.release.create({
    data: {
      programId: program.id,
      version: '1.0',
      build: '1',
      testStart: new Date(Date.now() - day),
      testEnd: new Date(Date.now() + 30 * day),
      instructions: '',
      status: 'testing',
    },
    select: { id: true },
  });
  const enrolments = [];
  for (const status of ['active', 'invited', 'applied', 'declined', 'removed'] as const) {
    const enrolment = await prisma.enrolment.create({
      data: {
        releaseId: release.id,
        userId: status === 'active' ? mvpId : null,
        email: `${status}@example.test`,
        name: status,
        company: 'C',
        status,
        source: status === 'applied' ? 'application' : 'invitation',
      },
      select: { id: true },
    });
    enrolments.push(enrolment.id);
  }
  const reports = [];
  for (const [reporterId, source] of [
    [mvpId, 'customer'],
    [users.get('internal_tester')!, 'internal'],
  ] as const) {
    const report = await prisma.report.create({
      data: {
        programId: program.id,
        releaseId: release.id,
        reporterId,
        source,
        title: `Crash on save 100% of the time (${source})`,
        steps: 'Save',
        expected: 'Saved',
        actual: 'Crash',
        severity: 'major',
        environment: {},
        events: { create: { kind: 'filed', actorId: reporterId, data: {} } },
      },
      select: { id: true },
    });
    reports.push(report.id);
  }
  const target = await server.createUser('engineer', { email: 'target@example.test' });
  const customer = await server.createUser('mvp', { email: 'customer@example.test' });
  const form = new FormData();
  form.append('file', new Blob(['2026-03-02 sync failed\n']), 'sync.log');
  const upload = await server.client().request('/api/attachments', {
    method: 'POST',
    headers: await sessionCookie('mvp'),
    body: form,
  });
  const attachment = (await upload.json()) as { id: string };
  return {
    programs: [program.id],
    programId: [program.id],
    releases: [release.id],
    releaseId: [release.id],
    reports: reports,
    enrolments: enrolments,
    staff: [target.id],
    mvps: [customer.id],
    reporterId: [mvpId],
    attachments: [attachment.id],
    attachmentIds: [attachment.id],
  };
}

/** A fresh session per request, so that a request that signs out or ends every session spoils no other. */
async function sessionCookie(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  const token = `fuzz-${caller}-${Math.random().toString(36).slice(2)}`.padEnd(43, 'x');
  await server.prisma.session.create({
    data: { id: hashToken(token), userId: users.get(caller)!, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return { cookie: `ft_session=${token}` };
}

const resolve = (ref: string): JsonSchema => {
  const name = ref.replace('#/components/schemas/', '');
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`Unknown reference ${ref}`);
  return schema;
};

/** Path segments and query values as sent on the wire: broken escapes, encoded NUL and surrogate halves. */
const rawHostile = ['%ZZ', '%', 'x%', '%00', '%ED%A0%80', '%C0%AF', '..', '%2F', '%5C', '%25', '_', 'x'.repeat(600)];

const encode = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate has no UTF-8 form; sent as the bytes a careless client would produce instead.
    return '%ED%A0%80';
  }
};

// Node's HTTP parser answers 431 itself, without a body, past 16 KiB of request line and headers.
const maxQueryValue = 3_000;

const arbitrary = (schema: JsonSchema, name?: string) => arbitraryOf(schema, { resolve, ids, name });
const wire = (value: unknown) => encode(value).slice(0, maxQueryValue);

/** Bodies nobody should send: not JSON, the wrong type, too deep, too large. */
const brokenBodies = fc.constantFrom<Pick<FuzzRequest, 'contentType' | 'body'>>(
  { contentType: 'application/json', body: '' },
  { contentType: 'application/json', body: '{"a":' },
  { contentType: 'application/json', body: 'null' },
  { contentType: 'application/json', body: '[]' },
  { contentType: 'application/json', body: '"\\u0000"' },
  { contentType: 'application/json', body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { contentType: 'application/json', body: `{"data":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}` },
  { contentType: 'application/json', body: JSON.stringify({ x: 'y'.repeat(1_100_000) }) },
  { contentType: 'application/json; charset=latin1', body: '{}' },
  { contentType: 'text/plain', body: '{}' },
  { contentType: 'application/x-www-form-urlencoded', body: 'a=%00' },
);

/** Uploads: a real file or none, under names PostgreSQL or a browser would choke on. */
const multipartBody: fc.Arbitrary<Pick<FuzzRequest, 'contentType' | 'body'>> = fc
  .array(
    fc.record({
      field: fc.constantFrom('file', 'file', 'note\u0000', 'other'),
      fileName: fc.oneof(fc.constantFrom(...hostileStrings), fc.string()),
      bytes: fc.oneof(
        fc.constant<number[]>([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 1, maxLength: 64 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
      ),
    }),
    { maxLength: 2 },
  )
  .map((parts) => ({ contentType: 'multipart/form-data', body: { multipart: parts } }));

/** Admins and MVPs weigh more: between them they may call every route, so more requests get far. */
const caller = fc.constantFrom<Caller>(
  'anonymous',
  'admin',
  'admin',
  'admin',
  'engineer',
  'internal_tester',
  'mvp',
  'mvp',
);

/**
 * A request the document allows, then at most one thing made hostile: one path segment, one query
 * parameter (a hostile value or raw broken escapes), one place in the body, or the whole body. The
 * rest stays valid, so that the hostile part travels as far into the server as it can.
 */
function requestArbitrary(template: string, method: string, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;

  // A path parameter goes by the segment before it: the {id} of /api/releases/{id} is a release's.
  const segmentBefore = (name: string) => template.split('/')[template.split('/').indexOf(`{${name}}`) - 1];
  const path = fc.tuple(
    ...pathParameters.map((parameter) => arbitrary(parameter.schema, segmentBefore(parameter.name)).map(wire)),
  );
  const query = fc.tuple(
    ...queryParameters.map((parameter) =>
      fc.option(arbitrary(parameter.schema, parameter.name).map(wire), { nil: undefined }),
    ),
  );
  const body: fc.Arbitrary<unknown> = jsonSchema ? arbitrary(jsonSchema) : fc.constant(undefined);
  const target = fc.constantFrom(
    'none',
    'none',
    ...(pathParameters.length ? (['path'] as const) : []),
    'query',
    ...(queryParameters.length ? (['query'] as const) : []),
    ...(jsonSchema ? (['body', 'body', 'body', 'broken-body'] as const) : []),
    ...(!jsonSchema && method !== 'get' ? (['broken-body'] as const) : []),
  );

  return fc
    .record({ caller, path, query, body, target, index: fc.nat(), raw: fc.constantFrom(...rawHostile) })
    .chain((request) => {
      const { target, index } = request;
      const hostileBody = target === 'body' ? withOneHostile(fc.constant(request.body)) : fc.constant(request.body);
      // A parameter's value made hostile, sometimes with a parameter nobody declared beside it.
      const hostileQuery = fc.oneof(
        fc.constant(request.raw),
        withOneHostile(fc.constant('')).map(wire),
        fc.constantFrom('%00', '%ED%B0%80', '%5C', '%25', '_'),
      );
      const extras = fc.constantFrom('%00=1', '%ED%A0%80=1', 'unknown=1', 'limit=5&limit=6', '&&', '=');
      const extraQuery = queryParameters.length ? fc.option(extras, { nil: undefined, freq: 3 }) : extras;
      return fc
        .record({
          body: hostileBody,
          value: hostileQuery,
          extra: extraQuery,
          broken: brokenBodies,
          multipart: multipartBody,
        })
        .map(({ body, value, extra, broken, multipart }): FuzzRequest => {
          const segments = [...request.path];
          if (target === 'path') segments[index % segments.length] = request.raw;
          const pairs = queryParameters.flatMap((parameter, at) => {
            const chosen = target === 'query' && at === index % queryParameters.length ? value : request.query[at];
            return chosen === undefined ? [] : [`${parameter.name}=${chosen}`];
          });
          if (target === 'query' && extra) pairs.push(extra);
          let next = 0;
          const filled = template.replace(/\{[^}]+\}/g, () => segments[next++] ?? '');
          const wireBody: Pick<FuzzRequest, 'contentType' | 'body'> =
            target === 'broken-body'
              ? broken
              : content['multipart/form-data']
                ? multipart
                : jsonSchema
                  ? { contentType: 'application/json', body: JSON.stringify(body) ?? 'null' }
                  : {};
          return {
            caller: request.caller,
            method: method.toUpperCase(),
            path: pairs.length ? `${filled}?${pairs.join('&')}` : filled,
            ...wireBody,
          };
        });
    });
}

function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : typeof request.body === 'string'
        ? `\n  body (${request.contentType}, ${request.body.length} characters): ${JSON.stringify(request.body.slice(0, 500))}`
        : `\n  body (multipart): ${JSON.stringify(request.body.multipart.map((part) => ({ ...part, bytes: part.bytes.length })))}`;
  const path =
    request.path.length > 400 ? `${request.path.slice(0, 400)}… (${request.path.length} characters)` : request.path;
  return `${request.method} ${path} as ${request.caller}${body}`;
}

async function send(request: FuzzRequest): Promise<void> {
  sent += 1;
  const headers: Record<string, string> = { ...(await sessionCookie(request.caller)) };
  let body: BodyInit | undefined;
  if (typeof request.body === 'string') {
    headers['content-type'] = request.contentType!;
    body = request.body;
  } else if (request.body) {
    const form = new FormData();
    for (const part of request.body.multipart)
      form.append(part.field, new Blob([new Uint8Array(part.bytes)]), part.fileName);
    body = form;
  }
  try {
    // The client throws when status or body stray from the document.
    const response = await server.client().request(request.path, { method: request.method, headers, body });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, 'no 5xx').toBeLessThan(500);
    if (response.status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
    await response.arrayBuffer();
  } catch (error) {
    throw new Error(`${describeRequest(request)}\n${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

describe('the OpenAPI document', () => {
  it('documents nullable references as anyOf [$ref, null], and no component as nullable', () => {
    const wrong: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (typeof value !== 'object' || value === null) return;
      const allOf = (value as JsonSchema).allOf;
      if (allOf?.some((part) => [part.type].flat().includes('null'))) wrong.push(at);
      for (const [key, item] of Object.entries(value)) walk(item, `${at}/${key}`);
    };
    walk(document, '#');
    for (const [name, schema] of Object.entries(document.components.schemas))
      if ([schema.type].flat().includes('null')) wrong.push(`#/components/schemas/${name}`);
    expect(wrong).toEqual([]);
  });
});

describe('hostile requests to every operation', () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      it(`${method.toUpperCase()} ${template}: no 5xx, problem+json for errors, as documented`, async () => {
        const run = await fc.check(fc.asyncProperty(requestArbitrary(template, method, operation), send), {
          numRuns: runsPerOperation,
          ...(seed === undefined ? {} : { seed, path: process.env.FUZZ_PATH }),
          // Shrinking would replay requests against a server whose state has moved on.
          endOnFailure: true,
        });
        // The request is in the error's message; fast-check's own report would print every value whole.
        if (run.failed)
          throw new Error(
            `${run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance)}\n` +
              `Replay with FUZZ_SEED=${run.seed} FUZZ_PATH=${run.counterexamplePath}`,
          );
      });
    }
  }

  it('answers 400 problem+json to portal paths that are not percent-encoded UTF-8', async () => {
    for (const path of ['/%ZZ', '/x%', '/%', '/%E0%A4%A', '/%ED%A0%80', '/reports/%C0%AF', '/assets/%FF.js']) {
      const response = await server.client().request(path);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 400,
        type: 'application/problem+json',
      });
    }
  });
});

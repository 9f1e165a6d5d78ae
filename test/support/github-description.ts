import { createRequire } from 'node:module';
import type { Octokit } from '@octokit/rest';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// GitHub's published OpenAPI description of its REST API (@octokit/openapi, the same source
// @octokit/openapi-types is generated from). Every answer an Octokit client gets can be held
// against it: the status must be one GitHub documents for the operation, and a JSON body must match
// the schema documented for that status.

type Response = { $ref?: string; content?: Record<string, { schema?: unknown }> };
type Operation = { responses: Record<string, Response> };
type Description = { paths: Record<string, Record<string, Operation>> };

const descriptionId = 'https://api.github.com/openapi.json';
let loaded: { description: Description; ajv: Ajv; validators: Map<string, ValidateFunction> } | null = null;

function load() {
  if (loaded) return loaded;
  const description = withoutNullable(
    createRequire(import.meta.url)('@octokit/openapi/generated/api.github.com.json'),
  ) as Description;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...description, $id: descriptionId });
  loaded = { description, ajv, validators: new Map() };
  return loaded;
}

/**
 * OpenAPI 3.0 schemas are JSON Schema draft 4 to 7 plus `nullable: true`, which GitHub also puts
 * beside `$ref`, `allOf` and `anyOf`: each becomes the JSON Schema for "this, or null".
 */
function withoutNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [key, withoutNullable(value)] as const);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (object.nullable !== true) return object;
  const { nullable: _, ...schema } = object;
  if (typeof schema.type === 'string' && !schema.enum) return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function resolve<T>(description: Description, value: T & { $ref?: string }): { value: T; path: string | null } {
  if (!value.$ref) return { value, path: null };
  const path = value.$ref.slice(1);
  let target: unknown = description;
  for (const segment of path.split('/').slice(1)) {
    target = (target as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return { value: target as T, path };
}

/**
 * What any operation may answer though few list it: bad credentials (401), the rate limits (403,
 * 429, per GitHub's rate-limit documentation) and GitHub's own failures (5xx), each with GitHub's
 * basic error body.
 */
function anyOperation(status: number): boolean {
  return status === 401 || status === 403 || status === 429 || status >= 500;
}

export type DescribedAnswer = { method: string; route: string; status: number; body: unknown };

/** What in one answer disagrees with GitHub's description; empty when it agrees. */
export function disagreements(answer: DescribedAnswer): string[] {
  const { description, ajv, validators } = load();
  const where = `${answer.method} ${answer.route} → ${answer.status}`;
  const operation = description.paths[answer.route]?.[answer.method.toLowerCase()];
  if (!operation) return [`${where}: GitHub documents no such operation`];
  const documented = operation.responses[String(answer.status)] ?? operation.responses.default;
  let schemaPath: string;
  if (documented) {
    const { value: response, path: responsePath } = resolve(description, documented);
    if (!response.content?.['application/json']?.schema) return [];
    schemaPath =
      responsePath === null
        ? `/paths/${pointer(answer.route)}/${answer.method.toLowerCase()}/responses/${answer.status}/content/application~1json/schema`
        : `${responsePath}/content/application~1json/schema`;
  } else if (anyOperation(answer.status)) {
    schemaPath = '/components/schemas/basic-error';
  } else {
    return [`${where}: GitHub documents ${Object.keys(operation.responses).join(', ')} only`];
  }
  let validate = validators.get(schemaPath);
  if (!validate) {
    validate = ajv.compile({ $ref: `${descriptionId}#${schemaPath}` });
    validators.set(schemaPath, validate);
  }
  if (validate(answer.body)) return [];
  return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || '(body)'} ${error.message}`);
}

/**
 * Records every answer the client gets, to be held against GitHub's description afterwards (so
 * checking adds no delay to timed exchanges). Requests made by URL (a redirect's Location) and
 * GraphQL are left out: they name no documented REST route.
 */
export function checkAnswers(octokit: Octokit): {
  checked: DescribedAnswer[];
  /** What disagrees among the answers recorded since the last call. */
  problems: () => string[];
} {
  const checked: DescribedAnswer[] = [];
  let held = 0;
  const note = (answer: DescribedAnswer) => {
    if (answer.route.startsWith('/') && answer.route !== '/graphql') checked.push(answer);
  };
  octokit.hook.wrap('request', async (request, options) => {
    const route = String(options.url);
    const method = String(options.method);
    try {
      const response = await request(options);
      note({ method, route, status: response.status, body: response.data });
      return response;
    } catch (error) {
      const failure = error as { status?: number; response?: { data?: unknown } };
      if (typeof failure.status === 'number' && failure.response) {
        note({ method, route, status: failure.status, body: failure.response.data });
      }
      throw error;
    }
  });
  return {
    checked,
    problems: () => {
      const fresh = checked.slice(held);
      held = checked.length;
      return fresh.flatMap(disagreements);
    },
  };
}

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Every response a test gets from the API is held against the server's own OpenAPI document, so
// that tests and document cannot drift apart: the status must be documented for the route, and a
// JSON body must match the schema documented for that status and media type.

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: unknown };

type Route = { template: string; pattern: RegExp; operations: Record<string, Operation> };

const jsonTypes = new Set(['application/json', 'application/problem+json']);
const documentId = 'https://fieldtest.test/openapi.json';

/** Escapes a JSON Pointer segment (RFC 6901). */
const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function compileDocument(document: OpenApiDocument) {
  // Formats are checked (a uuid, a date-time), keywords JSON Schema does not know (discriminator,
  // example) are left to OpenAPI readers.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ ...document, $id: documentId });
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (path: string) => {
    let validate = validators.get(path);
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentId}#${path}` });
      validators.set(path, validate);
    }
    return { validate, errorsText: () => ajv.errorsText(validate!.errors, { separator: '; ' }) };
  };
  // Literal routes before templated ones, so that /api/me/profile never reads as /api/me/{id}.
  const routes: Route[] = Object.entries(document.paths)
    .map(([template, operations]) => ({
      template,
      operations,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  return { routes, validatorAt };
}

type CompiledDocument = ReturnType<typeof compileDocument>;
const documents = new Map<string, Promise<CompiledDocument>>();

function documentOf(baseUrl: string): Promise<CompiledDocument> {
  const origin = new URL(baseUrl).origin;
  let compiled = documents.get(origin);
  if (!compiled) {
    compiled = fetch(new URL('/api/openapi.json', origin)).then(async (response) => {
      if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
      return compileDocument((await response.json()) as OpenApiDocument);
    });
    // A failed fetch is not kept: the next response tries again.
    compiled.catch(() => documents.delete(origin));
    documents.set(origin, compiled);
  }
  return compiled;
}

/**
 * Throws when the response to an /api/ request does not match the OpenAPI document of the server
 * that sent it. Files, CSV and HTML are not checked beyond their status; paths and methods the
 * document does not name (an unknown route's 404) must still be problem+json that matches Problem.
 */
export async function assertDocumentedResponse(method: string, url: URL, response: Response): Promise<void> {
  if (!url.pathname.startsWith('/api/') || url.pathname === '/api/openapi.json') return;
  const { routes, validatorAt } = await documentOf(url.href);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const operationMethod = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
  const operation = route?.operations[operationMethod];
  const target = `${url.pathname}${url.search}`;
  const request = `${method.toUpperCase()} ${target.length > 400 ? `${target.slice(0, 400)}…` : target}`;
  const fail = (reason: string, body?: string): never => {
    const shown = body === undefined ? '' : `\n  body: ${body.length > 2000 ? `${body.slice(0, 2000)}…` : body}`;
    throw new Error(
      `The response to ${request} does not match the OpenAPI document: ${reason}${shown}\n` +
        `  (${response.status} ${response.headers.get('content-type') ?? 'without content-type'})`,
    );
  };

  if (!route || !operation) {
    if (mediaType === 'application/problem+json') {
      const body = await response.clone().text();
      const { validate, errorsText } = validatorAt('/components/schemas/Problem');
      if (!validate(JSON.parse(body))) fail(`the problem does not match Problem: ${errorsText()}`, body);
    }
    return;
  }

  const operationPath = `/paths/${pointer(route.template)}/${operationMethod}`;
  const responses = operation.responses ?? {};
  const status = String(response.status);
  const documentedStatus = [status, `${status[0]}XX`, 'default'].find((key) => responses[key]);
  if (!documentedStatus) {
    return fail(
      `status ${status} is not documented for ${operationMethod.toUpperCase()} ${route.template} ` +
        `(documented: ${Object.keys(responses).join(', ')})`,
    );
  }
  if (method.toUpperCase() === 'HEAD' || !jsonTypes.has(mediaType)) return;
  const body = await response.clone().text();
  const content = responses[documentedStatus]!.content ?? {};
  if (!(mediaType in content)) {
    return fail(
      `${mediaType} is not documented for status ${status} (documented: ${Object.keys(content).join(', ') || 'no body'})`,
      body,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('the body is not JSON', body);
  }
  const schemaPath = `${operationPath}/responses/${documentedStatus}/content/${pointer(mediaType)}/schema`;
  const { validate, errorsText } = validatorAt(schemaPath);
  if (!validate(parsed)) fail(`the ${status} body does not match its schema: ${errorsText()}`, body);
}

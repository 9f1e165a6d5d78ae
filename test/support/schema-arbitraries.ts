import fc from 'fast-check';

// fast-check arbitraries from the JSON Schemas of an OpenAPI document: values the schema allows,
// and the same with one hostile value slipped in anywhere (text PostgreSQL cannot store, LIKE
// wildcards, wrong types, very long or very deep values).

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  example?: unknown;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Strings that have broken servers: NUL, lone surrogates, LIKE's wildcards and escape, bidi marks. */
export const hostileStrings = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'broken \udfff half',
  '\ud83d',
  '%',
  '_',
  '\\',
  '%_\\',
  'a\\',
  '100%',
  '%ZZ',
  '../..',
  '\u202egnp.exe',
  ' ',
  '',
  '😀',
  "'; drop table x; --",
];

/** What PostgreSQL refuses in text and jsonb, and what LIKE reads as a pattern: drawn more often. */
const unstorable = ['\u0000', 'x\u0000', '\ud800', '\udc00x', '\\', '%', '_'];

/** Values of the wrong type or shape, for any field. */
const wrongValues: unknown[] = [null, true, 0, -1, 1e308, '12', '-0', '1e3', [], {}, [null], { $ne: null }, deep(200)];

/** Arrays and objects nested `levels` deep. */
export function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...wrongValues) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70_000), '%'.repeat(5_000), '\u0000'.repeat(1_000)) },
);

type Options = {
  /** Resolves `#/components/...` references. */
  resolve: (ref: string) => JsonSchema;
  /**
   * Ids of real rows for a `format: uuid` value named `name` (a property, or the path segment
   * before a parameter), preferred to random ones so that requests get past their lookups.
   */
  ids: (name: string | undefined) => readonly string[];
  /** The name of the value being generated, for `ids`. */
  name?: string;
};

type Path = (string | number)[];

/** Every place in a JSON value (the value itself first), as the keys leading to it. */
function places(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const inside = Object.entries(value).flatMap(([key, item]) =>
    places(item, [...path, Array.isArray(value) ? Number(key) : key]),
  );
  return [path, ...inside];
}

function replaceAt(value: unknown, path: Path, replacement: (old: unknown) => unknown): unknown {
  if (!path.length) return replacement(value);
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[key!] = replaceAt(copy[key!], rest, replacement);
  return copy;
}

/**
 * A value from `valid` with one hostile change at one place: a string gets a hostile string added
 * (so that it keeps its minimum length and most of its meaning) or is replaced, anything else is
 * replaced by a hostile value. The rest stays valid, so the request gets as far as it can.
 */
export function withOneHostile(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((value) =>
    fc
      .record({
        at: fc.constantFrom(...places(value)),
        how: fc.constantFrom('append', 'prepend', 'replace'),
        hostile: hostileValue,
        text: fc.oneof(fc.constantFrom(...hostileStrings), fc.constantFrom(...unstorable)),
      })
      .map(({ at, how, hostile, text }) =>
        replaceAt(value, at, (old) =>
          typeof old === 'string' && how !== 'replace' ? (how === 'append' ? old + text : text + old) : hostile,
        ),
      ),
  );
}

/** An arbitrary of the values a schema describes. */
export function arbitraryOf(schema: JsonSchema, options: Options, depth = 0): fc.Arbitrary<unknown> {
  return validArbitrary(schema, options, depth);
}

function validArbitrary(schema: JsonSchema, options: Options, depth: number): fc.Arbitrary<unknown> {
  if (schema.$ref) return validArbitrary(options.resolve(schema.$ref), options, depth);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((item) => arbitraryOf(item, options, depth)));
  if (schema.allOf?.length) return validArbitrary(schema.allOf[0]!, options, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  // The document's example is a value the server takes, where a random one rarely would (owner/name).
  if (schema.example !== undefined)
    return fc.oneof(fc.constant(schema.example), validArbitrary({ ...schema, example: undefined }, options, depth));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary({ ...schema, type }, options, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -5 : schema.exclusiveMinimum + 1);
      const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 500 : schema.exclusiveMaximum - 1);
      return types[0] === 'integer'
        ? fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) })
        : fc.double({ min, max, noNaN: true });
    }
    case 'string':
      return stringArbitrary(schema, options);
    case 'array': {
      const items = schema.items ?? {};
      if (depth > 6) return fc.constant([]);
      return fc.array(arbitraryOf(items, options, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    }
    case 'object': {
      if (!schema.properties) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }));
      const model = Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [
          key,
          arbitraryOf(value, { ...options, name: key }, depth + 1),
        ]),
      );
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema, options: Options): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid': {
      const ids = options.ids(options.name);
      return ids.length
        ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() })
        : fc.uuid();
    }
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'uri':
      return fc.webUrl();
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({
    unit: 'grapheme',
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)),
  });
}

import { z } from 'zod';

/**
 * A schema registered under an id (`.meta({ id })`), or null. Its own `.nullable()` is documented
 * wrong: zod-to-openapi takes the nullable wrapper for the registered schema itself, so when that
 * is its first use the component becomes nullable everywhere, and when it is not the property
 * becomes `allOf: [{ $ref }, { type: [..., 'null'] }]`, which null cannot pass. A union with null
 * is documented as `anyOf: [{ $ref }, { type: 'null' }]` and parses the same.
 */
export function nullableRef<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

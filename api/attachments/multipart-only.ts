import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/app-error.ts';
import type { SignedInEnv } from '../lib/require-role.ts';

// The same test @hono/zod-openapi applies before reading a form body; failing it here answers a
// problem+json 415 that names the field, instead of the library's bare exception.
const multipartType = /^multipart\/form-data(;\s?boundary=[a-zA-Z0-9'"()+_,\-./:=?]+)?$/i;

/** Uploads are multipart/form-data, the one kind of body besides JSON that the API accepts. */
export function multipartOnly(): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    if (!multipartType.test(c.req.header('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', {
        detail: 'Send the file as multipart/form-data, in a field named file.',
        fields: [{ field: 'file', message: 'Send the file as multipart/form-data' }],
      });
    }
    await next();
  };
}

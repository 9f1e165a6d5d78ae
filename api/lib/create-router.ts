import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-context.ts';
import { AppError } from './app-error.ts';
import { validationError } from './problem.ts';
import { unstorableText } from './storable-text.ts';

const locations: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
};

/**
 * Every router validates with the same hook, so every validation failure reads the same. The hook
 * also refuses text the database cannot store (NUL, a lone surrogate) and nesting it cannot parse,
 * in whatever a route accepted: its schemas need not each remember, and only what a route reads is
 * judged, after its role check. `checkText: false` leaves text as sent, for a route that repairs it.
 */
export function createRouter(options: { checkText?: boolean } = {}) {
  const checkText = options.checkText ?? true;
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const location = locations[result.target] ?? result.target;
      if (!result.success) throw validationError(result.error, location);
      if (!checkText) return;
      const fields = unstorableText(result.data, location);
      if (fields.length) throw new AppError('validation', { detail: `Invalid ${location}.`, fields });
    },
  });
}

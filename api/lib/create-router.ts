import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-context.ts';
import { validationError } from './problem.ts';

const locations: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
};

/** Every router validates with the same hook, so every validation failure reads the same. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, locations[result.target] ?? result.target);
    },
  });
}

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../lib/app-context.ts';
import { serveFile } from '../lib/serve-file.ts';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fieldtest API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"><link rel="icon" href="/api/docs/assets/favicon-32x32.png"></head>
<body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;

// Served from the installed package rather than a CDN, so the docs work offline too.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });`;

export const docsRouter = new Hono<AppEnv>()
  .get('/api/docs', (c) => c.html(page))
  .get('/api/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/api/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const response = assets.has(file) ? await serveFile(swaggerDir, file, 'public, max-age=86400') : null;
    return response ?? c.notFound();
  });

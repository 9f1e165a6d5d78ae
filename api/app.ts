import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { accountRouter } from './account/account.router.ts';
import { attachmentsRouter } from './attachments/attachments.router.ts';
import { auditRouter } from './audit/audit.router.ts';
import { authRouter } from './auth/auth.router.ts';
import { dataRightsRouter } from './data-rights/data-rights.router.ts';
import { docsRouter } from './docs/docs.router.ts';
import { enrolmentRouter } from './enrolment/enrolment.router.ts';
import { githubIdentityRouter } from './github-identity/github-identity.router.ts';
import { githubCredentialsRouter } from './github-sync/credentials/github-credentials.router.ts';
import { syncHealthRouter } from './github-sync/health/sync-health.router.ts';
import { repositoryCheckRouter } from './github-sync/repository-check/repository-check.router.ts';
import { githubWebhooksRouter } from './github-sync/webhooks/github-webhooks.router.ts';
import { healthRouter } from './health/health.router.ts';
import { invitationsRouter } from './invitations/invitations.router.ts';
import { joinRouter } from './join/join.router.ts';
import type { AppEnv, Deps } from './lib/app-context.ts';
import { AppError } from './lib/app-error.ts';
import { createRouter } from './lib/create-router.ts';
import { jsonOnly } from './lib/json-only.ts';
import { servedDocument } from './lib/openapi-document.ts';
import { problemResponse, toAppError } from './lib/problem.ts';
import { requestContext } from './lib/request-context.ts';
import { sameOrigin } from './lib/same-origin.ts';
import { serveFile } from './lib/serve-file.ts';
import { loadSession } from './lib/session.ts';
import { shedLoad } from './lib/shed-load.ts';
import { mvpRouter } from './mvp/mvp.router.ts';
import { mvpAccountsRouter } from './mvp-accounts/mvp-accounts.router.ts';
import { noticesRouter } from './notices/notices.router.ts';
import { outboxRouter } from './outbox/outbox.router.ts';
import { programMembersRouter } from './program-members/program-members.router.ts';
import { programsRouter } from './programs/programs.router.ts';
import { releasesRouter } from './releases/releases.router.ts';
import { reportViewsRouter } from './report-views/report-views.router.ts';
import { reportsRouter } from './reports/reports.router.ts';
import { rescueRouter } from './rescue/rescue.router.ts';
import { setupRouter } from './setup/setup.router.ts';
import { staffRouter } from './staff/staff.router.ts';
import { statsRouter } from './stats/stats.router.ts';
import { verificationRouter } from './verification/verification.router.ts';

export const bodyLimitBytes = 1024 * 1024;
/** Attachments (screenshots, logs, short videos) are uploaded one file per request here. */
export const uploadPath = '/api/attachments';
export const uploadLimitBytes = 25 * 1024 * 1024;
/**
 * GitHub's webhook deliveries are JSON but can be larger than our limit (GitHub caps payloads at
 * 25 MiB). The route checks their signature instead of a session, and reads its body itself with
 * its own limit (see verify-webhook-signature.ts).
 */
export const webhookPath = '/api/github/webhooks';

/** Every API route, chained so that the portal's hono/client knows their types. */
function apiRoutes() {
  return createRouter()
    .route('/', healthRouter)
    .route('/', setupRouter)
    .route('/', authRouter)
    .route('/', accountRouter)
    .route('/', staffRouter)
    .route('/', enrolmentRouter)
    .route('/', invitationsRouter)
    .route('/', joinRouter)
    .route('/', mvpRouter)
    .route('/', githubIdentityRouter)
    .route('/', mvpAccountsRouter)
    .route('/', dataRightsRouter)
    .route('/', noticesRouter)
    .route('/', outboxRouter)
    .route('/', auditRouter)
    .route('/', programsRouter)
    .route('/', programMembersRouter)
    .route('/', repositoryCheckRouter)
    .route('/', githubCredentialsRouter)
    .route('/', releasesRouter)
    .route('/', reportsRouter)
    .route('/', reportViewsRouter)
    .route('/', statsRouter)
    .route('/', rescueRouter)
    .route('/', syncHealthRouter)
    .route('/', verificationRouter)
    .route('/', attachmentsRouter)
    .route('/', githubWebhooksRouter);
}

export type AppType = ReturnType<typeof apiRoutes>;

const csp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** The composition root: middleware in the order a request meets it, then the features. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const isWebhook = (path: string, method: string) => method === 'POST' && path === webhookPath;
  // What only browsers' requests need. GitHub's deliveries carry no cookie and no Origin, render
  // nothing, and come a thousand a second at busy times, so they skip it.
  const forBrowsers =
    (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
    (c, next) =>
      isWebhook(c.req.path, c.req.method) ? next() : middleware(c, next);
  app.use('*', requestContext(deps));
  // Health checks answer whatever the load; GitHub's deliveries are stored, never turned away.
  const shed = shedLoad({
    maxInFlight: deps.env.maxRequestsInFlight,
    maxEventLoopDelayMs: deps.env.maxEventLoopDelayMs,
  });
  const neverShed = (path: string, method: string) =>
    isWebhook(path, method) || path === '/api/health' || path === '/api/ready';
  app.use('/api/*', (c, next) => (neverShed(c.req.path, c.req.method) ? next() : shed(c, next)));
  // A handler's own header wins (`overwrite: false`): attachments are served with `sandbox` as their CSP.
  app.use(
    '*',
    forBrowsers(secureHeaders({ contentSecurityPolicy: csp, referrerPolicy: 'same-origin', overwrite: false })),
  );
  // Uploads are the one kind of body that is not JSON, with a limit of their own.
  const isUpload = (path: string, method: string) => method === 'POST' && path === uploadPath;
  const jsonLimit = bodyLimit({
    maxSize: bodyLimitBytes,
    onError: () => {
      throw new AppError('payload_too_large', { detail: `Bodies are limited to ${bodyLimitBytes} bytes.` });
    },
  });
  const uploadLimit = bodyLimit({
    maxSize: uploadLimitBytes,
    onError: () => {
      throw new AppError('payload_too_large', {
        detail: `Files are limited to ${uploadLimitBytes / 1024 / 1024} MiB.`,
      });
    },
  });
  const onlyJson = jsonOnly();
  app.use('/api/*', (c, next) => {
    if (isUpload(c.req.path, c.req.method)) return uploadLimit(c, next);
    if (isWebhook(c.req.path, c.req.method)) return next();
    return jsonLimit(c, next);
  });
  app.use('/api/*', (c, next) => (isUpload(c.req.path, c.req.method) ? next() : onlyJson(c, next)));
  app.use('/api/*', forBrowsers(sameOrigin()));
  app.use('/api/*', forBrowsers(loadSession()));

  const api = apiRoutes();
  let document: object | undefined;
  api.get('/api/openapi.json', (c) => {
    document ??= servedDocument(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Fieldtest API',
          version: '1',
          description: 'Errors are RFC 9457 application/problem+json. Sessions travel in an httpOnly cookie.',
        },
      }),
      [
        // What sameOrigin, bodyLimit and jsonOnly above may answer to any write.
        {
          statuses: [403, 413, 415],
          appliesTo: (path, method) => !['GET', 'HEAD'].includes(method) && !isWebhook(path, method),
        },
        // What shedLoad may answer to any request it counts.
        { statuses: [503], appliesTo: (path, method) => !neverShed(path, method) },
      ],
    );
    return c.json(document);
  });
  app.route('/', api);
  app.route('/', docsRouter);

  app.all('/api/*', () => {
    throw new AppError('not_found', { detail: 'No such API route.' });
  });

  // The portal: real files first, then index.html for the portal's own client-side routes.
  app.get('*', async (c) => {
    const root = deps.env.webDistDir;
    const path = decodePortalPath(c.req.path);
    if (path.startsWith('/assets/')) {
      return (await serveFile(root, path, 'public, max-age=31536000, immutable')) ?? c.notFound();
    }
    if (path !== '/' && /\.[a-z0-9]+$/i.test(path)) {
      const file = await serveFile(root, path, 'public, max-age=3600');
      if (file) return file;
    }
    const index = await serveFile(root, 'index.html', 'no-cache');
    return index ?? c.text('The portal is not built yet: run `npm run build`.', 503);
  });

  app.notFound((c) => problemResponse(c, new AppError('not_found')));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') c.var.logger?.error({ err: error }, 'unhandled error');
    return problemResponse(c, appError);
  });
  return app;
}

/** The portal path as text; one that is not percent-encoded UTF-8 (`/%ZZ`, `/x%`) is the request's fault. */
function decodePortalPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new AppError('validation', {
      detail: 'The path is not valid percent-encoding.',
      fields: [{ field: 'path', message: 'Write % only to start an escape of UTF-8 bytes, such as %25 for % itself' }],
    });
  }
}

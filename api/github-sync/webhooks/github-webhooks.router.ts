import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './github-webhooks.handlers.ts';
import * as routes from './github-webhooks.routes.ts';

// Deliveries keep their text as GitHub sent it: intake repairs what jsonb refuses (NUL, lone
// surrogates) rather than losing the delivery, and walking every payload would slow intake.
export const githubWebhooksRouter = createRouter({ checkText: false }).openapi(
  routes.receiveWebhookRoute,
  handlers.receiveWebhookHandler,
);

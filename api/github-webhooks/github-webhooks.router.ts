import { createRouter } from '../lib/create-router.ts';
import * as handlers from './github-webhooks.handlers.ts';
import * as routes from './github-webhooks.routes.ts';

export const githubWebhooksRouter = createRouter().openapi(routes.receiveWebhookRoute, handlers.receiveWebhookHandler);

import { createRouter } from '../lib/create-router.ts';
import * as handlers from './outbox.handlers.ts';
import * as routes from './outbox.routes.ts';

export const outboxRouter = createRouter().openapi(routes.listOutboxRoute, handlers.listOutboxHandler);

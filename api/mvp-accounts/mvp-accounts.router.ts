import { createRouter } from '../lib/create-router.ts';
import * as handlers from './mvp-accounts.handlers.ts';
import * as routes from './mvp-accounts.routes.ts';

export const mvpAccountsRouter = createRouter().openapi(routes.updateMvpAccountRoute, handlers.updateMvpAccountHandler);

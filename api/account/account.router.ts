import { createRouter } from '../lib/create-router.ts';
import * as handlers from './account.handlers.ts';
import * as routes from './account.routes.ts';

export const accountRouter = createRouter().openapi(routes.changePasswordRoute, handlers.changePasswordHandler);

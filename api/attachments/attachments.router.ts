import { createRouter } from '../lib/create-router.ts';
import * as handlers from './attachments.handlers.ts';
import * as routes from './attachments.routes.ts';

export const attachmentsRouter = createRouter()
  .openapi(routes.uploadAttachmentRoute, handlers.uploadAttachmentHandler)
  .openapi(routes.getAttachmentRoute, handlers.getAttachmentHandler)
  .openapi(routes.deleteAttachmentRoute, handlers.deleteAttachmentHandler);

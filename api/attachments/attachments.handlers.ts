import { Readable } from 'node:stream';
import type { AppRouteHandler } from '../lib/app-context.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import type { deleteAttachmentRoute, getAttachmentRoute, uploadAttachmentRoute } from './attachments.routes.ts';
import { deleteAttachment } from './delete-attachment.ts';
import { openAttachment } from './open-attachment.ts';
import { uploadAttachment } from './upload-attachment.ts';

export const uploadAttachmentHandler: AppRouteHandler<typeof uploadAttachmentRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const { file } = c.req.valid('form');
  const attachment = await uploadAttachment({ prisma, dir: env.attachmentsDir, user: c.var.user, file });
  c.var.logger.info(
    { attachmentId: attachment.id, contentType: attachment.contentType, size: attachment.size, by: c.var.user.id },
    'attachment uploaded',
  );
  return c.json(attachment, 201);
};

export const getAttachmentHandler: AppRouteHandler<typeof getAttachmentRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const file = await openAttachment({
    prisma,
    dir: env.attachmentsDir,
    user: c.var.user,
    id: c.req.valid('param').id,
  });
  const headers = {
    'content-type': file.contentType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition({ inline: file.isImage, fileName: file.fileName }),
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
    // Even a file a browser is talked into rendering runs no script and has no origin of ours.
    'content-security-policy': 'sandbox',
  };
  if (c.req.method === 'HEAD') {
    await file.handle.close();
    return new Response(null, { status: 200, headers });
  }
  // Streamed from disk: a 25 MiB video is never held in memory.
  const body = Readable.toWeb(file.handle.createReadStream()) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
};

export const deleteAttachmentHandler: AppRouteHandler<typeof deleteAttachmentRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const { id } = c.req.valid('param');
  await deleteAttachment({ prisma, dir: env.attachmentsDir, user: c.var.user, id });
  c.var.logger.info({ attachmentId: id, by: c.var.user.id }, 'attachment deleted');
  return c.body(null, 204);
};

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, ERROR_CODES, idSchema, type AttachmentRow } from '@lastmile/domain';
import { blobKeys, findVisibleAttachment } from '../../attachments/attachment-records.ts';
import { placeholderThumbnail } from '../../attachments/images/placeholder-thumbnail.ts';
import { MissingBlobError, storedThumbnail } from '../../attachments/images/stored-thumbnail.ts';
import { NotAnImageError } from '../../attachments/images/thumbnail.ts';
import type { BlobStore } from '../../attachments/storage/blob-store.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';

const params = z.object({ id: idSchema });
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * The bytes of a verified photo, to whoever may see its job (the same scopes as sync), never from
 * a public or guessable URL. The bytes never change once verified, so the ETag is their SHA-256
 * and browsers (and the service worker) may keep them for a year. The server's thumbnail (for
 * the office's lists) is made on first request and kept beside the original.
 */
export async function attachmentFileRoutes(
  app: FastifyInstance,
  options: { blobs: BlobStore; base?: '/api' | '/api/v1' },
): Promise<void> {
  // The same bytes for the app (session) and, under /api/v1, for other systems (API key). Not
  // `prefix`: Fastify would put that in front of the paths a second time.
  const { blobs, base = '/api' } = options;
  const tags = [base === '/api' ? 'attachments' : 'v1'];
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function visible(request: FastifyRequest, id: string): Promise<AttachmentRow> {
    const row = await findVisibleAttachment(app.db, request.actor, id);
    if (row.state !== 'available') {
      throw new AppError(
        ERROR_CODES.conflict,
        'This photo is still on the phone that took it; it shows here once it has been uploaded.',
      );
    }
    return row;
  }

  function immutable(reply: FastifyReply, etag: string, contentType: string): void {
    reply
      .header('etag', etag)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('content-type', contentType)
      .header('x-content-type-options', 'nosniff')
      // The bytes are an image; should a browser ever treat them as a page, they can do nothing.
      .header('content-security-policy', "default-src 'none'; sandbox");
  }

  typed.get(
    `${base}/attachments/:id`,
    { schema: { tags, summary: 'A verified photo or signature, full size', params } },
    async (request, reply) => {
      const row = await visible(request, request.params.id);
      const etag = `"${row.sha256}"`;
      immutable(reply, etag, row.contentType);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const blob = await blobs.get(blobKeys.original(row));
      if (!blob) throw new AppError(ERROR_CODES.internal, 'The stored photo is missing.');
      reply
        .header('content-length', blob.size)
        .header('content-disposition', `inline; filename="photo-${row.id}.${EXTENSION[row.contentType] ?? 'img'}"`);
      return reply.send(blob.body);
    },
  );

  typed.get(
    `${base}/attachments/:id/thumbnail`,
    { schema: { tags, summary: 'A small WebP of a verified photo (long edge 320 px)', params } },
    async (request, reply) => {
      const row = await visible(request, request.params.id);
      const etag = `"${row.sha256}-t"`;
      immutable(reply, etag, 'image/webp');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const thumb = await storedThumbnail(blobs, row).catch(async (error: unknown) => {
        if (error instanceof MissingBlobError) throw new AppError(ERROR_CODES.internal, 'The stored photo is missing.');
        if (error instanceof NotAnImageError) {
          // Not cached for long: a later version of the image library may open it.
          reply
            .header('etag', `"${row.sha256}-p"`)
            .header('cache-control', 'private, max-age=3600')
            .header('x-lastmile-thumbnail', 'placeholder');
          return { bytes: await placeholderThumbnail() };
        }
        throw error;
      });
      if ('bytes' in thumb) return reply.header('content-length', thumb.bytes.length).send(thumb.bytes);
      return reply.header('content-length', thumb.size).send(thumb.body);
    },
  );
}

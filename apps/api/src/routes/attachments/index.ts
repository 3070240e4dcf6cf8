import type { FastifyInstance } from 'fastify';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import { sweepDeletedAttachments } from '../../attachments/sweep-deleted.ts';
import { attachmentFileRoutes } from './files.ts';
import { attachmentUploadRoutes } from './uploads.ts';

/** Photos and signatures: the resumable upload of their bytes, and serving them (ADR 0016, 0017). */
export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const blobs = createBlobStore(app.config);
  await app.register(attachmentUploadRoutes, { blobs });
  await app.register(attachmentFileRoutes, { blobs });

  // Deleted photos' bytes leave the store within a minute (and at start, for any left behind).
  let sweeping = false;
  const sweep = () => {
    if (sweeping) return;
    sweeping = true;
    sweepDeletedAttachments(app.db, blobs)
      .then(
        (removed) => removed > 0 && app.log.info({ removed }, 'removed the bytes of deleted photos'),
        (error: unknown) => app.log.warn({ err: error }, 'could not remove the bytes of deleted photos'),
      )
      .finally(() => {
        sweeping = false;
      });
  };
  const timer = setInterval(sweep, 60_000);
  timer.unref();
  app.addHook('onReady', async () => sweep());
  app.addHook('onClose', async () => clearInterval(timer));
}

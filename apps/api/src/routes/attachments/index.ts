import type { FastifyInstance } from 'fastify';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import { attachmentFileRoutes } from './files.ts';
import { attachmentUploadRoutes } from './uploads.ts';

/** Photos and signatures: the resumable upload of their bytes, and serving them (ADR 0016, 0017). */
export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const blobs = createBlobStore(app.config);
  await app.register(attachmentUploadRoutes, { blobs });
  await app.register(attachmentFileRoutes, { blobs });
}

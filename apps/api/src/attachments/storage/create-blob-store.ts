import type { Config } from '../../env.ts';
import type { BlobStore } from './blob-store.ts';
import { createDirectoryStore } from './directory-store.ts';
import { createS3Store } from './s3-store.ts';

/** The store the configuration names: a folder (the default, inside DATA_DIR) or an S3 bucket. */
export function createBlobStore(config: Config): BlobStore {
  const { attachments } = config;
  switch (attachments.store) {
    case 'directory':
      return createDirectoryStore(attachments.dir);
    case 's3':
      return createS3Store(attachments);
  }
}

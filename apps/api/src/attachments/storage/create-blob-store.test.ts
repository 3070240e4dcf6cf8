import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env.ts';
import { createBlobStore } from './create-blob-store.ts';

describe('createBlobStore', () => {
  it('keeps attachments in DATA_DIR/attachments by default', () => {
    expect(createBlobStore(parseEnv({ DATA_DIR: '/var/lib/lastmile' })).description).toBe(
      'directory /var/lib/lastmile/attachments',
    );
  });

  it('uses the S3 bucket when told to', () => {
    const config = parseEnv({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'photos', S3_ENDPOINT: 'http://127.0.0.1:9000' });
    expect(createBlobStore(config).description).toBe('S3 bucket photos at http://127.0.0.1:9000');
    expect(createBlobStore(parseEnv({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'photos' })).description).toBe(
      'S3 bucket photos at AWS us-east-1',
    );
  });
});

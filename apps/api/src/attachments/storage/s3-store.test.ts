import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testS3Settings, type TestS3Settings } from '../../env.ts';
import { describeBlobStore } from './blob-store.contract.ts';
import { createS3Store } from './s3-store.ts';

/**
 * A real S3 API: the server CI started (S3_TEST_ENDPOINT), or s3rver in this process on a free
 * loopback port with a throwaway folder.
 */
let settings: TestS3Settings;
let stopServer = async () => {};

beforeAll(async () => {
  const external = testS3Settings();
  if (external) {
    settings = external;
    await ensureBucket(settings);
    return;
  }
  const directory = await mkdtemp(join(tmpdir(), 'lastmile-s3rver-'));
  const bucket = 'lastmile-test';
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  };
  stopServer = async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  };
});

afterAll(async () => {
  await stopServer();
});

async function ensureBucket({ endpoint, region, bucket, accessKeyId, secretAccessKey }: TestS3Settings) {
  const client = new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
}

const makeStore = (bucket = settings.bucket) =>
  createS3Store({
    endpoint: settings.endpoint,
    region: settings.region,
    bucket,
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    forcePathStyle: true,
  });

describeBlobStore('S3', async () => ({ store: makeStore(), cleanup: async () => {} }), { atomicConcurrentPuts: false });

describe('S3 store', () => {
  it('names its bucket and endpoint', () => {
    expect(makeStore().description).toBe(`S3 bucket ${settings.bucket} at ${settings.endpoint}`);
  });

  it('reports a missing bucket as an error, not as a missing key', async () => {
    const store = makeStore(`lastmile-missing-${Date.now()}`);
    await expect(store.get('photo')).rejects.toThrow();
    await expect(store.putBytes('photo', new Uint8Array([1]), 'image/jpeg')).rejects.toThrow();
  });

  it('refuses half a set of credentials', () => {
    expect(() =>
      createS3Store({ region: 'us-east-1', bucket: 'b', accessKeyId: 'only-this', forcePathStyle: false }),
    ).toThrow(/both/);
  });
});

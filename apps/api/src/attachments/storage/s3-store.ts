import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertBlobKey, type BlobStore } from './blob-store.ts';

export type S3StoreOptions = {
  /** Unset: AWS itself, chosen by `region`. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  /** Both or neither; neither: the SDK's default chain (instance role, AWS_* variables, ~/.aws). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`: what MinIO, Ceph and s3rver expect. */
  forcePathStyle: boolean;
};

const FALLBACK_TYPE = 'application/octet-stream';

/** Any S3 API: AWS, MinIO, Ceph RGW, s3rver. Only the four basic object calls, nothing provider-specific. */
export function createS3Store(options: S3StoreOptions): BlobStore {
  const { bucket } = options;
  const client = new S3Client(clientConfig(options));

  return {
    description: `S3 bucket ${bucket} at ${options.endpoint ?? `AWS ${options.region}`}`,

    async putBytes(key, bytes, contentType) {
      assertBlobKey(key);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: contentType,
        }),
      );
    },

    async putFile(key, path, contentType) {
      assertBlobKey(key);
      const { size } = await stat(path);
      // A stream with its length is sent as it is read (no buffering of large photos); the SDK
      // cannot replay a stream, so a failed attempt fails the call instead of being retried.
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: createReadStream(path),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    },

    async get(key) {
      assertBlobKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!(object.Body instanceof Readable)) throw new Error(`S3 GetObject ${key}: the body is not a Node stream`);
        return { body: object.Body, size: object.ContentLength ?? 0, contentType: object.ContentType ?? FALLBACK_TYPE };
      } catch (error) {
        if (isNoSuchKey(error)) return null;
        throw error;
      }
    },

    async head(key) {
      assertBlobKey(key);
      try {
        const object = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: object.ContentLength ?? 0, contentType: object.ContentType ?? FALLBACK_TYPE };
      } catch (error) {
        if (isNoSuchKey(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertBlobKey(key);
      // S3 answers 204 whether or not the key existed.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

function clientConfig(options: S3StoreOptions): S3ClientConfig {
  const { endpoint, region, accessKeyId, secretAccessKey, forcePathStyle } = options;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('S3 store: give both an access key id and a secret access key, or neither');
  }
  return {
    region,
    forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    // Since 3.729 the SDK adds CRC checksums to every upload by default, sending streams as
    // `aws-chunked` with a trailer; many S3-compatible servers (older MinIO and Ceph, s3rver) store
    // that framing as data or refuse it. Checksums only where the API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/**
 * GetObject says NoSuchKey; HeadObject has no body, so a missing key is a bare 404 ("NotFound").
 * A missing bucket stays an error on GetObject (NoSuchBucket); on HeadObject it cannot be told apart.
 */
function isNoSuchKey(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

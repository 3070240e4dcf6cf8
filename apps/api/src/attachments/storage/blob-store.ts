import type { Readable } from 'node:stream';

export type StoredBlob = { body: Readable; size: number; contentType: string };

/**
 * Where attachment bytes live: a directory on this machine, or any S3-API service when several
 * API instances share them (docs/decisions/0016-attachment-storage.md). Keys are built by our code
 * from ids, never from user input; every implementation still checks them with `assertBlobKey`.
 */
export interface BlobStore {
  /** For logs and the startup banner, e.g. "directory /data/attachments" or "S3 bucket lastmile at http://127.0.0.1:9000". */
  readonly description: string;
  /** Stores (or overwrites) the bytes of a local file under `key`. */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  putBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such key. */
  get(key: string): Promise<StoredBlob | null>;
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export const MAX_BLOB_KEY_LENGTH = 200;

/** Lowercase segments joined by `/`; a segment starts with a letter or digit, so `.`, `..` and hidden names cannot occur. */
const BLOB_KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** A key that is not ours: a bug in the caller, refused before any storage is touched. */
export class InvalidBlobKeyError extends Error {
  constructor(key: string, reason: string) {
    super(`invalid blob key ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key)}: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}

/** Throws `InvalidBlobKeyError` unless `key` is a relative path that cannot leave the store's root. */
export function assertBlobKey(key: string): void {
  if (key.length === 0) throw new InvalidBlobKeyError(key, 'empty');
  if (key.length > MAX_BLOB_KEY_LENGTH) throw new InvalidBlobKeyError(key, `longer than ${MAX_BLOB_KEY_LENGTH}`);
  if (!BLOB_KEY.test(key)) {
    throw new InvalidBlobKeyError(key, 'must be lowercase a-z, 0-9, ".", "_", "-" segments joined by "/"');
  }
  // The pattern already excludes it; kept explicit because escaping the root is the one thing that must never happen.
  if (key.split('/').includes('..')) throw new InvalidBlobKeyError(key, 'has a ".." segment');
}

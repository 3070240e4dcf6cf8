import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';

/**
 * tus's file store, hashing what it writes when an upload arrives whole from its first byte in
 * one request (what the phone does for a photo): the verification then compares that digest
 * instead of reading the file back (ADR 0017). Resumed uploads are not hashed here; they are
 * verified by reading the file, as before.
 */
export class HashingFileStore extends FileStore {
  private readonly digests = new Map<string, { sha256: string; bytes: number }>();

  /** The SHA-256 of the upload's bytes, if they all arrived in one request from offset 0. */
  takeDigest(id: string, size: number): string | null {
    const known = this.digests.get(id);
    this.digests.delete(id);
    return known && known.bytes === size ? known.sha256 : null;
  }

  /** Starting an upload over (under its lock): the file is emptied, and a digest of old bytes goes. */
  override async create(upload: Upload): Promise<Upload> {
    this.digests.delete(upload.id);
    return super.create(upload);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    this.digests.delete(id);
    if (offset !== 0) return super.write(readable, id, offset);
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const feeding = pipeline(readable, tap).catch(() => undefined); // a failure surfaces in super.write
    const written = await super.write(tap, id, offset);
    await feeding;
    this.digests.set(id, { sha256: hash.digest('hex'), bytes: written });
    return written;
  }
}

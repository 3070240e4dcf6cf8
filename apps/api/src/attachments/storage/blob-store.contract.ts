import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidBlobKeyError, MAX_BLOB_KEY_LENGTH, type BlobStore } from './blob-store.ts';

export type BlobStoreFixture = { store: BlobStore; cleanup(): Promise<void> };

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const BAD_KEYS: [string, string][] = [
  ['parent', '../x'],
  ['inner parent', 'a/../b'],
  ['absolute', '/abs'],
  ['uppercase', 'Photo.jpg'],
  ['empty', ''],
  ['too long', 'a'.repeat(MAX_BLOB_KEY_LENGTH + 1)],
  ['empty segment', 'a//b'],
  ['trailing slash', 'a/'],
  ['hidden segment', 'a/.b'],
  ['backslash', 'a\\b'],
];

/**
 * What every BlobStore promises, run against each implementation. Each test gets a fresh store
 * from `makeStore` and uses keys under its own random prefix, so a shared bucket is fine.
 */
export function describeBlobStore(
  name: string,
  makeStore: () => Promise<BlobStoreFixture>,
  /**
   * Whether the storage itself makes concurrent puts of one key atomic. Ours (the directory) does;
   * for S3 it is the server's promise — AWS keeps it, s3rver (the test server) does not — so
   * there the contract checks overwrites one after another.
   */
  options: { atomicConcurrentPuts: boolean } = { atomicConcurrentPuts: true },
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    let prefix: string;
    const key = (rest: string) => `${prefix}/${rest}`;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
      prefix = `t-${randomUUID()}`;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function expectStored(k: string, bytes: Uint8Array, contentType: string) {
      expect(await store.head(k)).toEqual({ size: bytes.byteLength, contentType });
      const blob = await store.get(k);
      expect(blob).not.toBeNull();
      expect(blob?.size).toBe(bytes.byteLength);
      expect(blob?.contentType).toBe(contentType);
      const read = await readAll(blob!.body);
      expect(read.equals(Buffer.from(bytes))).toBe(true);
    }

    it('describes itself for the logs', () => {
      expect(store.description).toMatch(/\S/);
    });

    it('gives back the bytes and content type it was given', async () => {
      const bytes = new TextEncoder().encode('hello, attachments\n');
      await store.putBytes(key('hello.txt'), bytes, 'text/plain');
      await expectStored(key('hello.txt'), bytes, 'text/plain');
    });

    it('round-trips 5 MB of random bytes exactly', async () => {
      const bytes = randomBytes(5 * 1024 * 1024);
      await store.putBytes(key('big'), bytes, 'image/jpeg');
      await expectStored(key('big'), bytes, 'image/jpeg');
    });

    it('stores an empty blob', async () => {
      // Attachments are at least one byte, but a store must not special-case size.
      await store.putBytes(key('empty'), new Uint8Array(0), 'application/octet-stream');
      await expectStored(key('empty'), new Uint8Array(0), 'application/octet-stream');
    });

    it('stores the bytes of a local file (putFile)', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'lastmile-blob-'));
      try {
        const bytes = randomBytes(1024 * 1024 + 17);
        const path = join(folder, 'upload.bin');
        await writeFile(path, bytes);
        await store.putFile(key('from-file'), path, 'image/png');
        await expectStored(key('from-file'), bytes, 'image/png');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    it('overwrites bytes and content type', async () => {
      await store.putBytes(key('doc'), randomBytes(5000), 'image/png');
      const second = randomBytes(100);
      await store.putBytes(key('doc'), second, 'image/webp');
      await expectStored(key('doc'), second, 'image/webp');
    });

    it('answers null for a key it does not have', async () => {
      expect(await store.get(key('missing'))).toBeNull();
      expect(await store.head(key('missing'))).toBeNull();
      expect(await store.get(key('missing/below'))).toBeNull();
    });

    it('forgets a deleted key, and deleting a missing key is fine', async () => {
      await store.putBytes(key('gone'), randomBytes(10), 'image/jpeg');
      await store.delete(key('gone'));
      expect(await store.get(key('gone'))).toBeNull();
      expect(await store.head(key('gone'))).toBeNull();
      await expect(store.delete(key('gone'))).resolves.toBeUndefined();
      await expect(store.delete(key('never/was'))).resolves.toBeUndefined();
    });

    it('keeps keys with slashes apart', async () => {
      const one = randomBytes(64);
      const two = randomBytes(65);
      await store.putBytes(key('org-1/att-1/original'), one, 'image/jpeg');
      await store.putBytes(key('org-2/att-1/original'), two, 'image/png');
      await store.putBytes(key('org-1/att-1/thumb.webp'), two, 'image/webp');
      await expectStored(key('org-1/att-1/original'), one, 'image/jpeg');
      await expectStored(key('org-2/att-1/original'), two, 'image/png');
      await store.delete(key('org-1/att-1/thumb.webp'));
      await expectStored(key('org-1/att-1/original'), one, 'image/jpeg');
    });

    it('stores concurrent puts of different keys', async () => {
      const blobs = Array.from({ length: 16 }, (_, i) => ({ k: key(`many/${i}`), bytes: randomBytes(1000 + i * 997) }));
      await Promise.all(blobs.map(({ k, bytes }) => store.putBytes(k, bytes, 'image/jpeg')));
      for (const { k, bytes } of blobs) await expectStored(k, bytes, 'image/jpeg');
    });

    it(
      options.atomicConcurrentPuts
        ? 'ends concurrent puts of one key with one of them whole'
        : 'ends overwrites of one key, longer and shorter, with the last one whole',
      async () => {
        const versions = Array.from({ length: 6 }, (_, i) => ({
          bytes: randomBytes(20_000 + ((i * 5000) % 17_000)),
          type: `image/v${i}`,
        }));
        if (options.atomicConcurrentPuts) {
          await Promise.all(versions.map(({ bytes, type }) => store.putBytes(key('race'), bytes, type)));
        } else {
          for (const { bytes, type } of versions) await store.putBytes(key('race'), bytes, type);
        }
        const blob = await store.get(key('race'));
        const read = await readAll(blob!.body);
        const winner = versions.find((v) => v.bytes.equals(read));
        expect(winner).toBeDefined();
        expect(blob!.contentType).toBe(winner!.type);
        if (!options.atomicConcurrentPuts) expect(winner).toBe(versions.at(-1));
      },
    );

    describe.each(BAD_KEYS)('refuses a bad key (%s) before touching storage', (_label, badKey) => {
      const calls: [string, (store: BlobStore) => Promise<unknown>][] = [
        ['putBytes', (s) => s.putBytes(badKey, new Uint8Array([1]), 'image/jpeg')],
        ['putFile', (s) => s.putFile(badKey, '/nonexistent/file', 'image/jpeg')],
        ['get', (s) => s.get(badKey)],
        ['head', (s) => s.head(badKey)],
        ['delete', (s) => s.delete(badKey)],
      ];
      it.each(calls)('%s', async (_method, call) => {
        // InvalidBlobKeyError, not a storage error: `putFile` of a missing file would fail otherwise.
        await expect(call(store)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      });
    });
  });
}

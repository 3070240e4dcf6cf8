import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeBlobStore } from './blob-store.contract.ts';
import type { BlobStore } from './blob-store.ts';
import { createDirectoryStore, sweepTemporaryFiles } from './directory-store.ts';

async function makeDirectoryStore() {
  const dir = await mkdtemp(join(tmpdir(), 'lastmile-dirstore-'));
  // A folder that does not exist yet: the store creates what it needs.
  return {
    store: createDirectoryStore(join(dir, 'attachments')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

describeBlobStore('directory', makeDirectoryStore);

describe('directory store', () => {
  let parent: string;
  let root: string;
  let store: BlobStore;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'lastmile-dirstore-'));
    root = join(parent, 'attachments');
    store = createDirectoryStore(root);
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  /** Every file under the root, relative, sorted. */
  const files = async () =>
    ((await readdir(parent, { recursive: true, withFileTypes: true })) ?? [])
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(parent.length + 1))
      .sort();

  it('keeps a key under its folder, with the content type in the file', async () => {
    await store.putBytes('org/att/original', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(await files()).toEqual(['attachments/org/att/original']);
    expect(await readFile(join(root, 'org/att/original'), 'latin1')).toBe('lastmile-blob 1 image/jpeg\njpeg bytes');
    expect(store.description).toBe(`directory ${root}`);
  });

  it('writes nothing outside its folder for a key that tries to leave it', async () => {
    await expect(store.putBytes('../escaped', Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid blob key/);
    await expect(store.putBytes('a/../../escaped', Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid blob key/);
    expect(await files()).toEqual([]);
  });

  it('keeps the previous version whole, and no temporary file, when a put fails midway', async () => {
    await store.putBytes('doc', Buffer.from('first version'), 'text/plain');
    // Reading a folder as the source file fails after the temporary file was created.
    await expect(store.putFile('doc', parent, 'text/plain')).rejects.toThrow();
    await expect(store.putFile('doc', join(parent, 'missing'), 'text/plain')).rejects.toThrow(/ENOENT/);
    expect(await files()).toEqual(['attachments/doc']);
    const blob = await store.get('doc');
    expect(blob?.size).toBe('first version'.length);
  });

  it('refuses a content type that cannot be a header', async () => {
    await expect(store.putBytes('doc', Buffer.from('x'), 'text/plain\nx: y')).rejects.toThrow(/invalid content type/);
    await expect(store.putBytes('doc', Buffer.from('x'), '')).rejects.toThrow(/invalid content type/);
    expect(await files()).toEqual([]);
  });

  it('refuses to serve a file it did not write', async () => {
    await store.putBytes('org/x', Buffer.from('x'), 'text/plain');
    await writeFile(join(root, 'org/foreign'), 'GIF89a...');
    await expect(store.get('org/foreign')).rejects.toThrow(/not written by the attachment store/);
  });

  it('keeps reading the version it opened while the key is overwritten and deleted', async () => {
    const first = Buffer.alloc(3 * 1024 * 1024, 1);
    await store.putBytes('photo', first, 'image/jpeg');
    const blob = await store.get('photo');
    await store.putBytes('photo', Buffer.alloc(10, 2), 'image/png');
    await store.delete('photo');
    const chunks: Buffer[] = [];
    for await (const chunk of blob!.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(first)).toBe(true);
  });
});

describe('sweepTemporaryFiles', () => {
  it('removes the old temporary files of cut-off writes, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lastmile-sweep-'));
    try {
      const store = createDirectoryStore(dir);
      await store.putBytes('org/job/photo.jpg', Buffer.from('kept'), 'image/jpeg');
      await mkdir(join(dir, 'org', 'job'), { recursive: true });
      const uuid = '3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60';
      const old = join(dir, 'org', 'job', `.photo2.jpg.${uuid}.tmp`);
      const fresh = join(dir, 'org', 'job', `.photo3.jpg.${uuid}.tmp`);
      const lookalike = join(dir, 'org', 'job', 'photo4.jpg.tmp');
      for (const path of [old, fresh, lookalike]) await writeFile(path, 'partial');
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      await utimes(old, twoHoursAgo, twoHoursAgo);
      await utimes(lookalike, twoHoursAgo, twoHoursAgo);

      expect(await sweepTemporaryFiles(dir)).toBe(1);
      expect((await readdir(join(dir, 'org', 'job'))).sort()).toEqual(
        ['.photo3.jpg.3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60.tmp', 'photo.jpg', 'photo4.jpg.tmp'].sort(),
      );
      expect((await store.head('org/job/photo.jpg'))?.size).toBe(4);
      // A store that has written nothing yet has no folder: nothing to do.
      expect(await sweepTemporaryFiles(join(dir, 'missing'))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

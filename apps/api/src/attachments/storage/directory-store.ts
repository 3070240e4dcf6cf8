import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { assertBlobKey, type BlobStore, type StoredBlob } from './blob-store.ts';

/**
 * One file per key under `dir` (`<dir>/<key>`, directories created as needed).
 *
 * Each file starts with one header line, `lastmile-blob 1 <content type>\n`, followed by the bytes.
 * The type travels inside the file rather than in a sidecar because then one rename publishes
 * bytes and type together: a crash, or two processes overwriting the same key, can never pair one
 * version's bytes with another's type. It is not derived from the bytes because the store is
 * generic (thumbnails, signatures, PDFs later). The price: a file is not a plain image; read it
 * through the store.
 *
 * Writes go to a temporary file in the target's directory (hidden: keys never start with a dot),
 * are flushed to disk, then renamed over the key, so the key shows the old file or the complete
 * new one, never a part. A crash can leave a `.<name>.<uuid>.tmp` file behind; it is never read,
 * and `sweepTemporaryFiles` (run at each start) removes it once it is old.
 *
 * A key cannot be both a file and a folder here (`a` and `a/b`), unlike S3; our keys never are.
 */
export function createDirectoryStore(dir: string): BlobStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    assertBlobKey(key);
    return join(root, key);
  };

  return {
    description: `directory ${root}`,

    async putBytes(key, bytes, contentType) {
      const target = pathOf(key);
      const header = encodeHeader(contentType);
      await writeAtomically(target, async (file) => {
        await file.write(header);
        await file.write(bytes);
      });
    },

    async putFile(key, path, contentType) {
      const target = pathOf(key);
      const header = encodeHeader(contentType);
      await writeAtomically(target, async (file) => {
        await file.write(header);
        // 1 MB reads: a photo is copied in a few writes, not dozens of 64 kB ones.
        for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
          await file.write(chunk as Buffer);
      });
    },

    async get(key) {
      const opened = await openBlob(pathOf(key));
      if (!opened) return null;
      const { file, size, headerLength, contentType } = opened;
      const blob: StoredBlob = { body: file.createReadStream({ start: headerLength }), size, contentType };
      return blob;
    },

    async head(key) {
      const opened = await openBlob(pathOf(key));
      if (!opened) return null;
      await opened.file.close();
      return { size: opened.size, contentType: opened.contentType };
    },

    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        // EISDIR: `a` when only `a/b` exists is no key either.
        if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
      }
    },
  };
}

/** A write's temporary file (`writeAtomically`): hidden, the key's name, a UUID, `.tmp`. */
const TEMPORARY = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temporary files of writes a crash (kill -9, power loss) cut off under `dir`: a photo's
 * worth of disk each, which nothing else would ever reclaim. Only files untouched for `olderThanMs`
 * go: another API process sharing the folder may be writing a newer one right now. Returns how many.
 */
export async function sweepTemporaryFiles(
  dir: string,
  olderThanMs = 60 * 60 * 1000,
  now = Date.now(),
): Promise<number> {
  let entries;
  try {
    entries = await readdir(resolve(dir), { recursive: true, withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs < olderThanMs) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

const MAGIC = 'lastmile-blob 1 ';
/** Enough for the magic and any content type we accept. */
const MAX_HEADER = 512;
/** Printable ASCII without newlines: what an HTTP Content-Type header may carry. */
const CONTENT_TYPE = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;

function encodeHeader(contentType: string): Buffer {
  if (!CONTENT_TYPE.test(contentType)) throw new TypeError(`invalid content type ${JSON.stringify(contentType)}`);
  return Buffer.from(`${MAGIC}${contentType}\n`, 'latin1');
}

type OpenedBlob = { file: FileHandle; size: number; headerLength: number; contentType: string };

/**
 * Opens the key's file and reads its header; null when there is no such file. The open handle
 * keeps reading the same version even if the key is overwritten or deleted meanwhile.
 */
async function openBlob(path: string): Promise<OpenedBlob | null> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const stats = await file.stat();
    if (!stats.isFile()) {
      await file.close();
      return null;
    }
    const buffer = Buffer.alloc(Math.min(MAX_HEADER, stats.size));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const line = end < 0 ? '' : buffer.toString('latin1', 0, end);
    if (!line.startsWith(MAGIC)) throw new Error(`${path} was not written by the attachment store`);
    return { file, size: stats.size - end - 1, headerLength: end + 1, contentType: line.slice(MAGIC.length) };
  } catch (error) {
    await file.close();
    throw error;
  }
}

async function writeAtomically(target: string, fill: (file: FileHandle) => Promise<void>): Promise<void> {
  const folder = dirname(target);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    const file = await open(temporary, 'wx');
    try {
      await fill(file);
      // Without it, a power loss after the rename can leave an empty or partial file under the key.
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** ENOTDIR: a key below a name that is a file (`a/b` when `a` is a blob) does not exist either. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

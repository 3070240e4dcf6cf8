import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError, ERROR_CODES, type AttachmentRow } from '@lastmile/domain';
import { sniffImageType } from './images/sniff-image.ts';

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function headOf(path: string, length: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * The bytes that arrived are the photo the phone recorded: the same length, the same SHA-256,
 * and an image of the declared type judged by its first bytes (an HTML page renamed .jpg is
 * not). Throws a validation error naming what differs; nothing of a failed upload is kept.
 */
export async function verifyUploadedFile(
  path: string,
  record: AttachmentRow,
  /** The digest computed while the bytes were written, when known: saves reading them back. */
  knownSha256: string | null = null,
): Promise<void> {
  const { size } = await stat(path);
  if (size !== record.size) {
    throw new AppError(
      ERROR_CODES.validation,
      `The upload has ${size} bytes but the photo's record says ${record.size}; it was discarded.`,
    );
  }
  const sniffed = sniffImageType(await headOf(path, 16));
  if (sniffed !== record.contentType) {
    throw new AppError(
      ERROR_CODES.validation,
      `The upload is ${sniffed ? `a ${sniffed} file` : 'not an image'}, but the photo's record says ${record.contentType}; it was discarded.`,
    );
  }
  const sha256 = knownSha256 ?? (await sha256OfFile(path));
  if (sha256 !== record.sha256) {
    throw new AppError(
      ERROR_CODES.validation,
      "The upload's SHA-256 differs from the photo's record: the bytes changed on the way; it was discarded.",
    );
  }
}

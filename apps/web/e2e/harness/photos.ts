import { createHash, randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import sharp from '../../../api/node_modules/sharp/dist/index.mjs';
import type { ApiDevice } from './api-client.ts';

/** A file as `setInputFiles` takes it. */
export type PickedFile = { name: string; mimeType: string; buffer: Buffer };

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A camera-sized JPEG of random pixels (so every photo differs, and noise keeps the processed
 * copy large: ~0.7 MB at 3000×2000 and the default amplitude; ~1.5 MB with `amplitude: 256`).
 * Made from random bytes rather than sharp's gaussian noise, which takes a second per photo.
 */
export async function noisyJpeg(
  name: string,
  { width = 3000, height = 2000, amplitude = 96, quality = 75 } = {},
): Promise<PickedFile> {
  const raw = randomBytes(width * height * 3);
  if (amplitude < 256) for (let i = 0; i < raw.length; i++) raw[i] = 80 + (raw[i]! % amplitude);
  const buffer = await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** Picks files in a photo picker (its "Choose photos" input) inside `scope`. */
export async function pickPhotos(scope: Locator, files: PickedFile[]): Promise<void> {
  await scope.getByTestId('photo-input').setInputFiles(files);
}

/** The job screen's "Photos" section. */
export const jobPhotosSection = (page: Page): Locator => page.locator('section.job__photos');

/** The thumbnails inside `scope`. */
export const thumbs = (scope: Locator): Locator => scope.locator('li.photo-thumb');

/** Each thumbnail's photo id and state (uploaded | waiting | failed | elsewhere), in the order shown. */
export function photoStates(scope: Locator): Promise<{ id: string; state: string }[]> {
  return thumbs(scope).evaluateAll((items) =>
    items.map((li) => ({ id: li.getAttribute('data-photo-id') ?? '', state: li.getAttribute('data-state') ?? '' })),
  );
}

/** How many thumbnails in `scope` show a decoded image (not a placeholder, not a broken image). */
export function loadedThumbs(scope: Locator): Promise<number> {
  return thumbs(scope)
    .locator('img')
    .evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length);
}

/** The header's summary of what is still only on this phone. */
export const pendingSummary = (page: Page): Promise<string | null> => page.getByTestId('sync-pending').textContent();

/** A photo's bytes as the server serves them to `device`'s person (status, type and SHA-256 of the body). */
export async function serverPhoto(
  device: ApiDevice,
  id: string,
  suffix = '',
): Promise<{ status: number; type: string | null; sha256: string; bytes: Buffer }> {
  const res = await device.request(`/api/attachments/${id}${suffix}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), sha256: sha256(bytes), bytes };
}

/** Attachment records on the server, by id, as `device`'s person replicates them. */
export async function serverAttachments(device: ApiDevice): Promise<Map<string, Record<string, unknown>>> {
  const rows = await device.rows();
  return new Map([...rows].filter(([k]) => k.startsWith('attachments:')).map(([, r]) => [String(r['id']), r]));
}

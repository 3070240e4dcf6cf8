import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { AppError, ERROR_CODES, MAX_LOGO_BYTES, type LogoType } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizationLogos } from '../db/schema/index.ts';

/** A report's header is a few centimetres wide: 1024 px is sharp on paper at any size it is drawn. */
const MAX_LOGO_EDGE = 1024;
/** Refuse images that would decode to more pixels than this (a small file can claim a huge canvas). */
const MAX_INPUT_PIXELS = 4096 * 4096;

export type StoredLogo = { contentType: LogoType; bytes: Buffer; width: number; height: number; sha256: string };

const notAnImage = () =>
  new AppError(
    ERROR_CODES.validation,
    'This file is not a PNG or JPEG image.',
    [{ path: 'data', message: 'must be a PNG or JPEG image' }],
    { key: 'logo.notImage' },
  );

/**
 * Checks that the bytes are a PNG or JPEG (by decoding them, whatever the upload claimed), scales
 * them to at most 1024 px and re-encodes them in their own format, which also drops metadata
 * (a phone photo's location) a logo has no need to carry.
 */
export async function normalizeLogo(bytes: Buffer): Promise<StoredLogo> {
  if (bytes.length > MAX_LOGO_BYTES) {
    throw new AppError(
      ERROR_CODES.payloadTooLarge,
      `This logo is ${Math.ceil(bytes.length / 1024)} KB; the largest allowed is ${MAX_LOGO_BYTES / 1024} KB.`,
      [{ path: 'data', message: `must be at most ${MAX_LOGO_BYTES / 1024} KB` }],
      { key: 'logo.tooLarge', params: { sizeKb: Math.ceil(bytes.length / 1024), maxKb: MAX_LOGO_BYTES / 1024 } },
    );
  }
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    throw notAnImage();
  }
  const { format, width = 0, height = 0 } = metadata;
  if (format !== 'png' && format !== 'jpeg') throw notAnImage();
  if (width * height > MAX_INPUT_PIXELS) {
    throw new AppError(
      ERROR_CODES.validation,
      `This image is ${width}×${height} pixels; too large for a logo; use one of at most 4096×4096.`,
      [{ path: 'data', message: 'has too many pixels' }],
      { key: 'logo.tooManyPixels', params: { width, height } },
    );
  }
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_LOGO_EDGE, height: MAX_LOGO_EDGE, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (format === 'png' ? image.png() : image.jpeg({ quality: 90 })).toBuffer({
      resolveWithObject: true,
    });
    return {
      contentType: format === 'png' ? 'image/png' : 'image/jpeg',
      bytes: data,
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch {
    // Truncated or corrupt data that passed the header check, or too many pixels.
    throw notAnImage();
  }
}

export async function saveOrganizationLogo(db: DbOrTx, orgId: string, logo: StoredLogo): Promise<void> {
  const values = { ...logo, updatedAt: new Date() };
  await db
    .insert(organizationLogos)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: organizationLogos.orgId, set: values });
}

/** True when there was a logo to remove. */
export async function removeOrganizationLogo(db: DbOrTx, orgId: string): Promise<boolean> {
  const removed = await db
    .delete(organizationLogos)
    .where(eq(organizationLogos.orgId, orgId))
    .returning({ orgId: organizationLogos.orgId });
  return removed.length > 0;
}

/** The stored logo's bytes, for the report and GET /api/organization/logo. */
export async function organizationLogoOf(
  db: DbOrTx,
  orgId: string,
): Promise<{ contentType: LogoType; bytes: Buffer; sha256: string } | null> {
  const [row] = await db
    .select({
      contentType: organizationLogos.contentType,
      bytes: organizationLogos.bytes,
      sha256: organizationLogos.sha256,
    })
    .from(organizationLogos)
    .where(eq(organizationLogos.orgId, orgId));
  return row ?? null;
}

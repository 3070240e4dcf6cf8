import { createHash } from 'node:crypto';
import { newId } from '@lastmile/domain';

/**
 * The arguments of an `addAttachment` that records `bytes` as a JPEG photo of `jobId` (a fresh id
 * unless `overrides` names one): the record whose bytes the upload tests then send.
 */
export function jobPhotoArgs(jobId: string | undefined, bytes: Buffer, overrides: Record<string, unknown> = {}) {
  return {
    id: newId(),
    kind: 'job',
    jobId,
    contentType: 'image/jpeg',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: 640,
    height: 480,
    capturedAt: '2026-11-21T08:59:00.000Z',
    ...overrides,
  };
}

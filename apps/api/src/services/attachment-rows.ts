import { attachmentKindSchema, attachmentTypeSchema, type AttachmentRow } from '@lastmile/domain';
import type { attachments } from '../db/schema/index.ts';

/** A live attachment's wire row; a deleted one never leaves the server (callers filter it out). */
export function toAttachmentRow(row: typeof attachments.$inferSelect): AttachmentRow {
  if (row.state === 'deleted') throw new Error(`attachment ${row.id} is deleted`);
  return {
    id: row.id,
    orgId: row.orgId,
    kind: attachmentKindSchema.parse(row.kind),
    jobId: row.jobId,
    itemId: row.itemId,
    messageId: row.messageId,
    responseId: row.responseId,
    fieldKey: row.fieldKey,
    contentType: attachmentTypeSchema.parse(row.contentType),
    size: row.size,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    caption: row.caption,
    capturedBy: row.capturedBy,
    capturedAt: row.capturedAt.toISOString(),
    location:
      row.lat !== null && row.lng !== null
        ? { lat: row.lat, lng: row.lng, accuracyM: row.locationAccuracyM ?? 0 }
        : null,
    state: row.state,
    uploadedAt: row.uploadedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

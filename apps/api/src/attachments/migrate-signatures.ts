import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { newId, workScopes } from '@lastmile/domain';
import { queryRows, writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { attachments, formAnswers, formResponses, jobs } from '../db/schema/index.ts';
import { toFormAnswerRow } from '../services/form-rows.ts';
import { toAttachmentRow } from '../services/attachment-rows.ts';
import { blobKeys } from './attachment-records.ts';
import { sniffImageType } from './images/sniff-image.ts';
import type { BlobStore } from './storage/blob-store.ts';

const DATA_URL = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$/;

function pngSize(bytes: Buffer): { width: number; height: number } {
  // IHDR: width and height are the big-endian words at bytes 16 and 20.
  return bytes.length >= 24
    ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
    : { width: 1, height: 1 };
}

/**
 * Signatures drawn before attachments existed live in their answers as data URLs. This moves
 * each one into an attachment (bytes in the blob store, the answer now its id), once, at start:
 * the PDF report and the review read one kind of signature. Idempotent: a migrated answer no
 * longer holds a data URL. Old phones may still send a data URL from their outbox (the answer
 * schema accepts it); the next start moves those too. Returns how many were moved.
 */
export async function migrateSignatureDataUrls(db: AnyDb, blobs: BlobStore): Promise<number> {
  const rows = await queryRows<{ response_id: string; field_key: string; org_id: string }>(
    db,
    sql`select response_id, field_key, org_id from form_answers where jsonb_typeof(value) = 'string' and value #>> '{}' like 'data:image/%'`,
  );
  let moved = 0;
  for (const { response_id: responseId, field_key: fieldKey, org_id: orgId } of rows) {
    const done = await writeInOrg(db, orgId, async (tx, recorder) => {
      const [answer] = await tx
        .select()
        .from(formAnswers)
        .where(and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, fieldKey)))
        .for('update');
      const match = typeof answer?.value === 'string' ? DATA_URL.exec(answer.value) : null;
      if (!answer || !match) return false;
      const bytes = Buffer.from(match[2]!, 'base64');
      const contentType = sniffImageType(bytes.subarray(0, 16));
      if (contentType !== 'image/png' && contentType !== 'image/jpeg') return false;
      const [response] = await tx.select().from(formResponses).where(eq(formResponses.id, responseId));
      const [job] = response ? await tx.select().from(jobs).where(eq(jobs.id, response.jobId)) : [];
      if (!response || !job) return false;
      const id = newId();
      const row = { orgId, id };
      await blobs.putBytes(blobKeys.original(row), bytes, contentType);
      const size = contentType === 'image/png' ? pngSize(bytes) : { width: 600, height: 200 };
      const [inserted] = await tx
        .insert(attachments)
        .values({
          id,
          orgId,
          kind: 'answer',
          jobId: job.id,
          responseId,
          fieldKey,
          contentType,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          width: Math.max(1, size.width),
          height: Math.max(1, size.height),
          capturedBy: answer.answeredBy,
          capturedAt: answer.capturedAt,
          state: 'available',
          storageKey: blobKeys.original(row),
          uploadedAt: new Date(),
        })
        .returning();
      const [updated] = await tx
        .update(formAnswers)
        .set({ value: id })
        .where(and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, fieldKey)))
        .returning();
      const scopes = workScopes({ orgId, teamId: job.teamId, userIds: [job.assigneeId] });
      if (inserted) recorder.put('attachments', toAttachmentRow(inserted), scopes);
      if (updated) recorder.put('formAnswers', toFormAnswerRow(updated, job.id), scopes);
      return true;
    });
    if (done) moved++;
  }
  return moved;
}

import { createHash } from 'node:crypto';
import { and, asc, inArray, isNotNull, lt } from 'drizzle-orm';
import { workScopes } from '@lastmile/domain';
import { writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { blobKeys } from '../attachments/attachment-records.ts';
import { makeDemoPhoto } from '../attachments/images/demo-photo.ts';
import type { BlobStore } from '../attachments/storage/blob-store.ts';
import { attachments, jobs } from '../db/schema/index.ts';
import { toAttachmentRow } from '../services/attachment-rows.ts';
import { Prng } from './prng.ts';

const CAPTIONS = [
  'Boiler after the service',
  'Flue terminal',
  'Gas meter reading',
  'Pressure gauge',
  'Isolation valve',
  'Condensate pipe',
];

/**
 * A few photos on finished jobs, so a new user sees at once what a photo looks like on the job,
 * on the board and in the office: generated images (no stock photos in the repository), stored
 * and verified like any upload. Runs once, right after the demo is seeded.
 */
export async function seedDemoPhotos(
  db: AnyDb,
  blobs: BlobStore,
  options: { now?: Date; jobs?: number } = {},
): Promise<number> {
  const prng = new Prng(20261201);
  const now = options.now ?? new Date();
  const done = await db
    .select()
    .from(jobs)
    .where(
      and(
        inArray(jobs.status, ['completed', 'submitted', 'approved']),
        isNotNull(jobs.assigneeId),
        lt(jobs.scheduledStart, now),
      ),
    )
    .orderBy(asc(jobs.number))
    .limit(options.jobs ?? 8);
  let made = 0;
  for (const [i, job] of done.entries()) {
    const count = 1 + (i % 2);
    const photos: { id: string; bytes: Buffer; caption: string }[] = [];
    for (let n = 0; n < count; n++) {
      const caption = prng.pick(CAPTIONS);
      const bytes = await makeDemoPhoto(`${job.number} · ${caption}`, (i * 47 + n * 113) % 360);
      const id = prng.uuid();
      await blobs.putBytes(blobKeys.original({ orgId: job.orgId, id }), bytes, 'image/jpeg');
      photos.push({ id, bytes, caption });
    }
    await writeInOrg(db, job.orgId, async (tx, recorder) => {
      for (const photo of photos) {
        const capturedAt = new Date(job.scheduledStart.getTime() + 40 * 60_000);
        const [row] = await tx
          .insert(attachments)
          .values({
            id: photo.id,
            orgId: job.orgId,
            kind: 'job',
            jobId: job.id,
            contentType: 'image/jpeg',
            size: photo.bytes.length,
            sha256: createHash('sha256').update(photo.bytes).digest('hex'),
            width: 1600,
            height: 1200,
            caption: photo.caption,
            capturedBy: job.assigneeId!,
            capturedAt,
            state: 'available',
            storageKey: blobKeys.original({ orgId: job.orgId, id: photo.id }),
            uploadedAt: capturedAt,
          })
          .returning();
        if (row)
          recorder.put(
            'attachments',
            toAttachmentRow(row),
            workScopes({ orgId: job.orgId, teamId: job.teamId, userIds: [job.assigneeId] }),
          );
      }
    });
    made += photos.length;
  }
  return made;
}

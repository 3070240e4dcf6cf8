import { describe, expect, it } from 'vitest';
import { newId, type AttachmentRow } from '@lastmile/domain';
import { AppDb } from '../local-db/app-db.ts';
import { freeSpaceIfNeeded } from './storage-pressure.ts';

function record(id: string, state: AttachmentRow['state']): AttachmentRow {
  return {
    id,
    orgId: newId(),
    kind: 'job',
    jobId: newId(),
    itemId: null,
    messageId: null,
    responseId: null,
    fieldKey: null,
    contentType: 'image/jpeg',
    size: 100,
    sha256: 'a'.repeat(64),
    width: 10,
    height: 10,
    caption: '',
    capturedBy: newId(),
    capturedAt: '2026-12-01T08:00:00.000Z',
    location: null,
    state,
    uploadedAt: null,
    createdAt: '2026-12-01T08:00:00.000Z',
  };
}

describe('freeing space under storage pressure', () => {
  it('drops full copies of verified photos, oldest first, never a photo only this phone has', async () => {
    const db = new AppDb(`test-${newId()}`);
    const [oldest, onlyHere, middle, newest] = [newId(), newId(), newId(), newId()];
    const photos: [string, AttachmentRow['state'], string][] = [
      [oldest, 'available', '2026-12-01T08:00:00.000Z'],
      [onlyHere, 'pending', '2026-12-01T08:01:00.000Z'],
      [middle, 'available', '2026-12-01T08:02:00.000Z'],
      [newest, 'available', '2026-12-01T08:03:00.000Z'],
    ];
    for (const [id, state, storedAt] of photos) {
      await db.attachments.put(record(id, state));
      await db._blobs.put({
        id,
        full: new Blob([new Uint8Array(100)]),
        thumb: new Blob([new Uint8Array(10)]),
        contentType: 'image/jpeg',
        size: 100,
        storedAt,
        droppedAt: null,
      });
    }
    await db._uploads.put({
      id: onlyHere,
      jobId: null,
      size: 100,
      sent: 0,
      state: 'waiting',
      attempts: 0,
      notBefore: 0,
      error: null,
      createdAt: '2026-12-01T08:01:00.000Z',
    });

    // Below the warning line nothing is touched.
    expect(await freeSpaceIfNeeded(db, { usage: 790, quota: 1000, ratio: 0.79 })).toBe(0);
    // At 90 % it frees down to 70 %: 200 bytes, the two oldest verified photos.
    expect(await freeSpaceIfNeeded(db, { usage: 900, quota: 1000, ratio: 0.9 })).toBe(200);
    const kept = await db._blobs.bulkGet([oldest, onlyHere, middle, newest]);
    expect(kept.map((b) => b?.full !== null)).toEqual([false, true, false, true]);
    expect(kept.every((b) => b?.thumb)).toBe(true);
    expect(kept[0]?.droppedAt).not.toBeNull();
    // Even under pressure with nothing else left, the unverified photo stays.
    await freeSpaceIfNeeded(db, { usage: 990, quota: 1000, ratio: 0.99 });
    expect((await db._blobs.get(onlyHere))?.full).not.toBeNull();
    db.close();
  });
});

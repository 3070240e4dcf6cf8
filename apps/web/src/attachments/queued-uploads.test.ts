import { describe, expect, it } from 'vitest';
import { newId, type AttachmentRow } from '@lastmile/domain';
import { AppDb } from '../local-db/app-db.ts';
import type { UploadEntry } from '../local-db/attachment-tables.ts';
import { queuedUploadsBy } from './queued-uploads.ts';

function record(id: string, capturedBy: string): AttachmentRow {
  return {
    id,
    orgId: newId(),
    kind: 'job',
    jobId: null,
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
    capturedBy,
    capturedAt: '2026-12-01T08:00:00.000Z',
    location: null,
    state: 'pending',
    uploadedAt: null,
    createdAt: '2026-12-01T08:00:00.000Z',
  };
}

function entry(id: string, state: UploadEntry['state']): UploadEntry {
  const at = '2026-12-01T08:00:00.000Z';
  return { id, jobId: null, size: 100, sent: 0, state, attempts: 0, notBefore: 0, error: null, createdAt: at };
}

describe('photos a crew member still has to send', () => {
  it('counts their waiting uploads only: not a colleague’s, not a failed one', async () => {
    const db = new AppDb(`test-${newId()}`);
    const [member, host] = [newId(), newId()];
    const photos: [string, UploadEntry['state']][] = [
      [member, 'waiting'],
      [member, 'waiting'],
      [member, 'failed'],
      [host, 'waiting'],
    ];
    for (const [by, state] of photos) {
      const id = newId();
      await db.attachments.put(record(id, by));
      await db._uploads.put(entry(id, state));
    }
    expect(await queuedUploadsBy(db, member)).toBe(2);
    expect(await queuedUploadsBy(db, host)).toBe(1);
    expect(await queuedUploadsBy(db, newId())).toBe(0);
  });
});

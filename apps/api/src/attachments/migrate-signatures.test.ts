import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { attachments, formAnswers, formResponses } from '../db/schema/index.ts';
import { publishWorldForm, buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { migrateSignatureDataUrls } from './migrate-signatures.ts';
import { createDirectoryStore } from './storage/directory-store.ts';

let testDb: TestDb;
let world: World;
let dir: string;
beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db);
  dir = mkdtempSync(join(tmpdir(), 'lm-sig-'));
});
afterAll(async () => {
  await testDb.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('moving drawn signatures out of answers', () => {
  it('turns a data-URL signature into a verified attachment, once, and logs both for sync', async () => {
    const png = await sharp({ create: { width: 600, height: 200, channels: 4, background: '#fff0' } })
      .png()
      .toBuffer();
    const version = await publishWorldForm(testDb.db, world, 'Sign', [
      { key: 'sig', label: 'Sign here', type: 'signature' },
    ]);
    const responseId = newId();
    const jobId = world.jobIds[1]!;
    await writeInOrg(testDb.db, world.orgId, async (tx) => {
      await tx.insert(formResponses).values({
        id: responseId,
        orgId: world.orgId,
        jobId,
        templateId: version.templateId,
        templateVersionId: version.id,
        status: 'draft',
        createdBy: world.actors.tech1.userId,
      });
      await tx.insert(formAnswers).values({
        responseId,
        fieldKey: 'sig',
        orgId: world.orgId,
        value: `data:image/png;base64,${png.toString('base64')}`,
        answeredBy: world.actors.tech1.userId,
        capturedAt: new Date('2026-11-20T10:00:00Z'),
      });
    });
    const blobs = createDirectoryStore(dir);
    expect(await migrateSignatureDataUrls(testDb.db, blobs)).toBe(1);
    expect(await migrateSignatureDataUrls(testDb.db, blobs)).toBe(0);

    const [answer] = await testDb.db
      .select()
      .from(formAnswers)
      .where(and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, 'sig')));
    const [photo] = await testDb.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, answer!.value as string));
    expect(photo).toMatchObject({
      kind: 'answer',
      jobId,
      responseId,
      fieldKey: 'sig',
      state: 'available',
      width: 600,
      height: 200,
    });
    expect(photo!.capturedBy).toBe(world.actors.tech1.userId);
    const stored = await blobs.get(photo!.storageKey!);
    const bytes = Buffer.concat(await stored!.body.toArray());
    expect(bytes.equals(png)).toBe(true);
    const logged = await queryRows<{ entity: string }>(
      testDb.db,
      sql`select distinct entity from sync_changes where entity_id in (${photo!.id}, ${`${responseId}:sig`})`,
    );
    expect(logged.map((r) => r.entity).sort()).toEqual(['attachments', 'formAnswers']);
  });
});

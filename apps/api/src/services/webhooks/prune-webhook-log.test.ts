import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhookEvents, webhookSubscriptions } from '../../db/schema/index.ts';
import { createFixtures } from '../../test/test-app.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { pruneWebhookLog } from './prune-webhook-log.ts';

let testDb: TestDb;
let orgId: string;
beforeAll(async () => {
  testDb = await createTestDb();
  orgId = (await createFixtures(testDb.db, 'prune')).orgA.id;
});
afterAll(async () => testDb.cleanup());

describe('pruneWebhookLog', () => {
  it('forgets settled deliveries older than the window, their attempts and orphaned events; keeps pending ones', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const old = new Date('2026-10-01T12:00:00Z');
    const recent = new Date('2026-11-25T12:00:00Z');
    const subscriptionId = randomUUID();
    await testDb.db
      .insert(webhookSubscriptions)
      .values({ id: subscriptionId, orgId, url: 'https://x.test/h', secret: 'whsec_AA', eventTypes: ['job.created'] });
    const event = async (createdAt: Date) => {
      const id = randomUUID();
      await testDb.db.insert(webhookEvents).values({ id, orgId, type: 'job.created', body: '{}', createdAt });
      return id;
    };
    const delivery = async (eventId: string, status: 'pending' | 'succeeded' | 'failed', updatedAt: Date) => {
      const id = randomUUID();
      await testDb.db
        .insert(webhookDeliveries)
        .values({ id, orgId, subscriptionId, eventId, status, createdAt: updatedAt, updatedAt });
      await testDb.db.insert(webhookAttempts).values({ deliveryId: id, status: 500, durationMs: 3 });
      return id;
    };
    const oldEvent = await event(old);
    const stillPendingEvent = await event(old);
    const recentEvent = await event(recent);
    await delivery(oldEvent, 'succeeded', old);
    await delivery(oldEvent, 'failed', old);
    const pending = await delivery(stillPendingEvent, 'pending', old);
    const kept = await delivery(recentEvent, 'succeeded', recent);

    expect(await pruneWebhookLog(testDb.db, now)).toEqual({ deliveries: 2, events: 1 });
    const left = await testDb.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries);
    expect(left.map((d) => d.id).sort()).toEqual([pending, kept].sort());
    expect((await testDb.db.select().from(webhookEvents)).map((e) => e.id).sort()).toEqual(
      [stillPendingEvent, recentEvent].sort(),
    );
    expect(await testDb.db.select().from(webhookAttempts)).toHaveLength(2);
    expect(await pruneWebhookLog(testDb.db, now)).toEqual({ deliveries: 0, events: 0 });
  });
});

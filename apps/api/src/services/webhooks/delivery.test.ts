import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId, type WebhookDeliveries, type WebhookEventType, type WebhookWithSecret } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { notifications, webhookDeliveries, webhookEvents, webhookSubscriptions } from '../../db/schema/index.ts';
import type { WebhooksConfig } from '../../env.ts';
import { apiKeyFor } from '../../test/api-keys.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createFixtures, sessionFor, testConfig, type Credentials, type Fixtures } from '../../test/test-app.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { verifyStandardWebhook, waitFor, WebhookReceiver } from '../../test/webhook-receiver.ts';

/**
 * Webhook delivery end to end: a pushed change → an event in its transaction → pg-boss → a
 * signed request to a local receiver, retried, logged, redelivered; across a restart and with two
 * workers on one database. PGlite by default, PostgreSQL with TEST_DATABASE_URL.
 */
let testDb: TestDb;
let fx: Fixtures;
let world: OfficeWorld;
let office: Credentials;
let admin: Credentials;
let receiver: WebhookReceiver;
const apps: FastifyInstance[] = [];

async function startApp(webhooks: Partial<WebhooksConfig> = {}, worker = true): Promise<FastifyInstance> {
  const base = testConfig();
  const app = await buildApp({
    db: testDb.db,
    config: { ...base, webhooks: { ...base.webhooks, ...webhooks } },
    listen: testDb.listen,
    logger: false,
    ...(worker ? { webhookWorker: { pollingIntervalSeconds: 0.5 } } : {}),
  });
  apps.push(app);
  return app;
}

async function subscribe(app: FastifyInstance, eventTypes: WebhookEventType[]): Promise<WebhookWithSecret> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/webhooks',
    headers: admin,
    payload: { url: receiver.url, eventTypes },
  });
  expect(res.statusCode).toBe(201);
  return res.json<WebhookWithSecret>();
}

type Mutation = { name: string; args: Record<string, unknown> };
async function push(app: FastifyInstance, mutations: Mutation[]): Promise<string[]> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...office, 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: `hook${newId().replaceAll('-', '')}`,
      mutations: mutations.map((m, i) => ({ id: i + 1, ...m, clientTime: new Date().toISOString(), baseVersion: 0 })),
    }),
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ results: { status: string }[] }>().results.map((r) => r.status);
}

const createJob = (assigneeId: string | null = null): Mutation => ({
  name: 'createJob',
  args: {
    id: newId(),
    jobTypeId: world.jobTypes.repair,
    customerId: world.customers.acme,
    siteId: world.sites.acmeMain,
    teamId: fx.orgA.teamId,
    assigneeId,
    priority: 'normal',
    scheduledStart: '2030-02-01T08:00:00.000Z',
    scheduledEnd: '2030-02-01T09:00:00.000Z',
    title: 'Webhook job',
    notes: '',
    externalRef: null,
  },
});

type Body = { type: string; timestamp: string; data: Record<string, unknown> };
const parseBody = (body: string) => JSON.parse(body) as Body;

const pendingDeliveries = async () =>
  (await testDb.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'))).length;
const settled = () => waitFor(async () => (await pendingDeliveries()) === 0, 20_000, 'deliveries to settle');
const queuedJobs = async () =>
  Number(
    (
      await queryRows<{ n: string }>(
        testDb.db,
        sql`select count(*) as n from pgboss.job where name = 'webhook-delivery'`,
      )
    )[0]?.n,
  );

beforeAll(async () => {
  testDb = await createTestDb();
  fx = await createFixtures(testDb.db, 'hook');
  world = await createOfficeWorld(testDb.db, {
    orgId: fx.orgA.id,
    teamId: fx.orgA.teamId,
    assigneeId: null,
    jobCount: 2,
  });
  office = await sessionFor(testDb.db, fx.orgA.users.office);
  admin = await sessionFor(testDb.db, fx.orgA.users.admin);
  receiver = await new WebhookReceiver().start();
});

afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
  await testDb.db.delete(webhookSubscriptions);
  receiver.received.length = 0;
  receiver.answer = () => 204;
  receiver.delayMs = 0;
});

afterAll(async () => {
  await receiver.stop();
  await testDb.cleanup();
});

describe('webhook delivery', () => {
  it('retries a failing endpoint until it answers, one signed event per change, under one webhook-id', async () => {
    const app = await startApp({ retryLimit: 3 });
    const { secret, subscription } = await subscribe(app, ['job.created', 'job.assigned']);
    receiver.answer = (seenBefore) => (seenBefore < 2 ? 500 : 204);
    const job = createJob(fx.orgA.users.technician.id);
    expect(await push(app, [job])).toEqual(['applied']);
    await settled();

    const ids = [...new Set(receiver.received.map((r) => r.id))];
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const requests = receiver.received.filter((r) => r.id === id);
      expect(requests).toHaveLength(3);
      expect(new Set(requests.map((r) => r.body)).size).toBe(1);
      for (const r of requests) expect(verifyStandardWebhook(secret, r)).toBe(true);
      expect(verifyStandardWebhook('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', requests[0]!)).toBe(false);
    }
    const bodies = ids.map((id) => parseBody(receiver.received.find((r) => r.id === id)!.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['job.assigned', 'job.created']);
    for (const b of bodies) expect(b.data.job).toMatchObject({ id: job.args['id'], title: 'Webhook job' });
    expect(bodies.find((b) => b.type === 'job.assigned')?.data['previousAssigneeId']).toBeNull();

    const log = await app.inject({
      method: 'GET',
      url: `/api/admin/webhooks/${subscription.id}/deliveries`,
      headers: admin,
    });
    expect(log.statusCode).toBe(200);
    const { deliveries } = log.json<WebhookDeliveries>();
    expect(deliveries.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    for (const d of deliveries) {
      expect(d.attempts.map((a) => a.status)).toEqual([500, 500, 204]);
      expect(ids).toContain(d.eventId);
    }
  });

  it('publishes nothing for a refused change, and only the accepted ones of a mixed push', async () => {
    const app = await startApp();
    await subscribe(app, ['job.created', 'job.approved']);
    const [events, jobs] = [(await testDb.db.select().from(webhookEvents)).length, await queuedJobs()];
    // Office may not approve a scheduled job: refused, rolled back with its savepoint.
    const refused = { name: 'transitionJob', args: { jobId: world.jobIds[0], to: 'approved' } };
    expect(await push(app, [refused])).toEqual(['refused']);
    expect((await testDb.db.select().from(webhookEvents)).length).toBe(events);
    expect(await queuedJobs()).toBe(jobs);

    expect(await push(app, [createJob(), refused, createJob()])).toEqual(['applied', 'refused', 'applied']);
    expect((await testDb.db.select().from(webhookEvents)).length).toBe(events + 2);
    expect(await queuedJobs()).toBe(jobs + 2);
    await settled();
    expect(receiver.received.map((r) => parseBody(r.body).type)).toEqual(['job.created', 'job.created']);
  });

  it('tells of changes made through the REST API (v1) as well, by the same mutations', async () => {
    const app = await startApp();
    await subscribe(app, ['job.created', 'job.assigned']);
    const { headers } = await apiKeyFor(testDb.db, fx.orgA.users.admin, ['read', 'write']);
    const { args } = createJob(fx.orgA.users.technician.id);
    const { id: _id, ...body } = args;
    const res = await app.inject({ method: 'POST', url: '/api/v1/jobs', headers, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    await settled();
    expect(receiver.received.map((r) => parseBody(r.body).type).sort()).toEqual(['job.assigned', 'job.created']);
  });

  it('switches a persistently failing endpoint off, tells the admins, holds its events, and sends them all once it is back on', async () => {
    const app = await startApp({ retryLimit: 2 });
    const { subscription } = await subscribe(app, ['job.created']);
    receiver.answer = () => 503;
    await push(app, [createJob()]);
    await settled();
    expect(receiver.received).toHaveLength(3);
    const [row] = await testDb.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, subscription.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const notices = await testDb.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'webhook_disabled'), eq(notifications.userId, fx.orgA.users.admin.id)));
    expect(notices.map((n) => n.body)).toEqual([receiver.url]);

    const [delivery] = await testDb.db.select().from(webhookDeliveries);
    // Held, not failed: it goes out again when the webhook is back on (not by hand while it is off).
    expect(delivery!.status).toBe('held');
    const again = `/api/admin/webhooks/${subscription.id}/deliveries/${delivery!.id}/redeliver`;
    expect((await app.inject({ method: 'POST', url: again, headers: admin })).statusCode).toBe(409);
    // A change while it is off: its event is held too, not lost (found by an outsider integrator).
    await push(app, [createJob()]);
    const statuses = async () => (await testDb.db.select().from(webhookDeliveries)).map((d) => d.status);
    expect(await statuses()).toEqual(['held', 'held']);
    expect(receiver.received).toHaveLength(3);

    receiver.answer = () => 200;
    const on = { method: 'PATCH' as const, url: `/api/admin/webhooks/${subscription.id}`, headers: admin };
    expect((await app.inject({ ...on, payload: { enabled: true } })).json()).toMatchObject({ enabled: true });
    await settled();
    expect(receiver.received).toHaveLength(5);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(2);
    expect(await statuses()).toEqual(['succeeded', 'succeeded']);
  });

  it('loses nothing when the API restarts between two attempts', async () => {
    // A long first retry delay, so the retry is still waiting when the first app is gone.
    const first = await startApp({ retryDelaySeconds: 600 });
    const { secret } = await subscribe(first, ['job.created']);
    receiver.answer = (seenBefore) => (seenBefore === 0 ? 500 : 204);
    await push(first, [createJob()]);
    await waitFor(async () => receiver.received.length === 1, 20_000, 'the first attempt');
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    expect(await pendingDeliveries()).toBe(1);

    // Time passes: the retry falls due. A new app on the same database picks it up.
    await testDb.db.execute(
      sql`update pgboss.job set start_after = now() where name = 'webhook-delivery' and state = 'retry'`,
    );
    await startApp();
    await settled();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
    expect(verifyStandardWebhook(secret, receiver.received[1]!)).toBe(true);
  });

  it('delivers each event once with two workers on one database', async () => {
    const a = await startApp();
    await startApp();
    await subscribe(a, ['job.created']);
    receiver.delayMs = 20;
    await push(
      a,
      Array.from({ length: 8 }, () => createJob()),
    );
    await settled();
    const ids = receiver.received.map((r) => r.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSubscriptionsSchema, webhookWithSecretSchema, type WebhookSubscription } from '@lastmile/domain';
import { buildApp } from '../../app.ts';
import { auditEvents } from '../../db/schema/index.ts';
import {
  createTestApp,
  errorBody,
  sessionFor,
  testConfig,
  type Credentials,
  type TestApp,
} from '../../test/test-app.ts';

let t: TestApp;
let admin: Credentials;
let otherOrgAdmin: Credentials;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
  otherOrgAdmin = await sessionFor(t.db, t.fixtures.orgB.users.admin);
});
afterAll(async () => t.close());

const create = (payload: unknown, headers: Credentials = admin, app = t.app) =>
  app.inject({ method: 'POST', url: '/api/admin/webhooks', headers, payload: payload as Record<string, unknown> });

describe('webhook subscriptions', () => {
  it('shows the secret once, at creation, and never again', async () => {
    const res = await create({
      url: 'https://hooks.example.com/lastmile',
      eventTypes: ['job.completed', 'job.created'],
    });
    expect(res.statusCode).toBe(201);
    const { subscription, secret } = webhookWithSecretSchema.parse(res.json());
    expect(secret).toMatch(/^whsec_/);
    // Event types come back in the catalogue's order, whatever order they were sent in.
    expect(subscription).toMatchObject({
      enabled: true,
      eventTypes: ['job.created', 'job.completed'],
      description: '',
    });
    expect(subscription.secretHint).toBe(`${secret.slice(0, 10)}…`);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/webhooks', headers: admin });
    expect(list.body).not.toContain(secret);
    expect(webhookSubscriptionsSchema.parse(list.json()).subscriptions.map((s) => s.id)).toContain(subscription.id);
    // The catch-all audit hook recorded the write, and not the secret.
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, t.fixtures.orgA.id));
    expect(audit.map((a) => a.action)).toContain('POST /api/admin/webhooks');
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('rotates the secret: a new one, shown once, and a new hint', async () => {
    const { subscription, secret } = webhookWithSecretSchema.parse(
      (await create({ url: 'https://hooks.example.com/rotate', eventTypes: ['item.raised'] })).json(),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/webhooks/${subscription.id}/rotate-secret`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    const rotated = webhookWithSecretSchema.parse(res.json());
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.subscription.secretHint).toBe(`${rotated.secret.slice(0, 10)}…`);
  });

  it('edits, switches off and on, and deletes; another organization finds none of it', async () => {
    const { subscription } = webhookWithSecretSchema.parse(
      (await create({ url: 'https://hooks.example.com/edit', eventTypes: ['form.submitted'] })).json(),
    );
    const url = `/api/admin/webhooks/${subscription.id}`;
    const patch = (payload: Record<string, unknown>, headers = admin) =>
      t.app.inject({ method: 'PATCH', url, headers, payload });
    expect((await patch({ description: 'ERP' })).json<WebhookSubscription>().description).toBe('ERP');
    expect((await patch({ enabled: false })).json()).toMatchObject({ enabled: false, disabledReason: 'admin' });
    expect((await patch({ enabled: true })).json()).toMatchObject({ enabled: true, disabledReason: null });
    expect((await patch({ description: 'x' }, otherOrgAdmin)).statusCode).toBe(404);
    const log = await t.app.inject({ method: 'GET', url: `${url}/deliveries`, headers: otherOrgAdmin });
    expect(log.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url, headers: otherOrgAdmin })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(404);
  });

  it('answers hostile input with 400, never 500', async () => {
    const long = `https://example.com/${'a'.repeat(2100)}`;
    for (const payload of [
      { url: 'ftp://example.com/hook', eventTypes: ['job.created'] },
      { url: 'javascript:alert(1)', eventTypes: ['job.created'] },
      { url: 'http://', eventTypes: ['job.created'] },
      { url: 'not a url', eventTypes: ['job.created'] },
      { url: 'https://user:pw@example.com/hook', eventTypes: ['job.created'] },
      { url: long, eventTypes: ['job.created'] },
      { url: 'https://example.com/hook', eventTypes: [] },
      { url: 'https://example.com/hook', eventTypes: ['job.exploded'] },
      { url: 'https://example.com/hook', eventTypes: 'job.created' },
      { url: 'https://example.com/hook', eventTypes: ['job.created'], secret: 'mine' },
      { url: 'https://example.com/hook', eventTypes: ['job.created'], description: 'd'.repeat(201) },
      { url: 42, eventTypes: ['job.created'] },
      { url: '\u0000', eventTypes: ['job.created'] },
    ]) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(errorBody(res).code).toBe('validation');
    }
    // A URL is refused with a NUL rather than stored without it, which would call another address (ADR 0049).
    const nul = await create({ url: 'https://exa\u0000mple.com/h\u0000ook', eventTypes: ['job.created'] });
    expect(nul.statusCode).toBe(400);
    expect(errorBody(nul).issues).toEqual([{ path: 'url', message: expect.stringContaining('cannot be kept') }]);
    for (const id of ['not-a-uuid', '%00', '00000000-0000-4000-8000-000000000000']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/admin/webhooks/${id}/deliveries`, headers: admin });
      expect(res.statusCode, id).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, id).toBeLessThan(500);
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/admin/webhooks', headers: admin });
    const [first] = webhookSubscriptionsSchema.parse(page.json()).subscriptions;
    for (const query of ['before=-1', 'before=abc', 'limit=0', 'limit=1000', 'x=1']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/admin/webhooks/${first!.id}/deliveries?${query}`,
        headers: admin,
      });
      expect(res.statusCode, query).toBe(400);
    }
  });

  it('refuses private, loopback and link-local endpoints when the server is set to', async () => {
    const app = await buildApp({
      db: t.db,
      config: testConfig({ webhooks: { ...t.config.webhooks, privateTargets: 'refuse' } }),
      listen: t.testDb.listen,
      logger: false,
    });
    try {
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://10.0.0.7/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/hook',
        'http://localhost/hook',
      ]) {
        const res = await create({ url, eventTypes: ['job.created'] }, admin, app);
        expect(res.statusCode, url).toBe(400);
        expect(errorBody(res).issues).toEqual([
          { path: 'url', message: 'is a private, loopback or link-local address' },
        ]);
      }
      expect(
        (await create({ url: 'http://93.184.215.14/hook', eventTypes: ['job.created'] }, admin, app)).statusCode,
      ).toBe(201);
    } finally {
      await app.close();
    }
  });
});

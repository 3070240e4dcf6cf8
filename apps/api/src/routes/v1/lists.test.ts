import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSubmission } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import { attachments, formAnswers, formResponses, outstandingItems } from '../../db/schema/index.ts';
import { createCustomer } from '../../services/create-customer.ts';
import { createTemplate, publishTemplate } from '../../services/form-templates.ts';
import { apiKeyFor } from '../../test/api-keys.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, type TestApp } from '../../test/test-app.ts';

/** Customers, sites, outstanding items and submissions through /api/v1 (ADR 0031). */
let t: TestApp;
let world: OfficeWorld;
let key: { authorization: string };
let otherKey: { authorization: string };
const refs = { responseId: '', photo: '', pending: '' };
const PHOTO_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

beforeAll(async () => {
  t = await createTestApp();
  const { orgA, orgB } = t.fixtures;
  const orgId = orgA.id;
  const { technician, office } = orgA.users;
  world = await createOfficeWorld(t.db, { orgId, teamId: orgA.teamId, assigneeId: technician.id, jobCount: 2 });
  key = (await apiKeyFor(t.db, orgA.users.admin, ['read'])).headers;
  otherKey = (await apiKeyFor(t.db, orgB.users.admin, ['read'])).headers;
  const jobId = world.jobIds[0]!;
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    const definition = {
      sections: [
        {
          key: 'checks',
          title: 'Checks',
          fields: [
            { key: 'pressure', label: 'Pressure', type: 'number', unit: 'bar', min: 0, max: 4, decimals: 1 },
            { key: 'flue_photos', label: 'Flue', type: 'photos' },
          ],
        },
      ],
    };
    const template = await createTemplate(tx, { orgId, userId: office.id, name: 'Service form', definition });
    const version = await publishTemplate(tx, rec, { orgId, userId: office.id, id: template.id });
    refs.responseId = randomUUID();
    await tx.insert(formResponses).values({
      id: refs.responseId,
      orgId,
      jobId,
      templateId: template.id,
      templateVersionId: version.id,
      status: 'submitted',
      createdBy: technician.id,
      submittedAt: new Date('2030-01-01T09:00:00Z'),
      submittedBy: technician.id,
    });
    await tx.insert(formAnswers).values({
      responseId: refs.responseId,
      fieldKey: 'pressure',
      orgId,
      value: 1.4,
      answeredBy: technician.id,
      capturedAt: new Date('2030-01-01T08:30:00Z'),
    });
    const photo = (id: string, state: 'available' | 'pending') => ({
      id,
      orgId,
      kind: 'answer' as const,
      jobId,
      responseId: refs.responseId,
      fieldKey: 'flue_photos',
      contentType: 'image/jpeg',
      size: PHOTO_BYTES.length,
      sha256: createHash('sha256').update(PHOTO_BYTES).digest('hex'),
      width: 1,
      height: 1,
      capturedBy: technician.id,
      capturedAt: new Date('2030-01-01T08:40:00Z'),
      state,
      storageKey: state === 'available' ? `${orgId}/${id}` : null,
    });
    Object.assign(refs, { photo: randomUUID(), pending: randomUUID() });
    await tx.insert(attachments).values([photo(refs.photo, 'available'), photo(refs.pending, 'pending')]);
    await tx.insert(outstandingItems).values({
      id: randomUUID(),
      orgId,
      title: 'Replace the flue seal',
      jobId,
      siteId: world.sites.acmeMain,
      priority: 'high',
      status: 'open',
      createdBy: technician.id,
    });
  });
  await createBlobStore(t.config).putBytes(`${orgId}/${refs.photo}`, PHOTO_BYTES, 'image/jpeg');
});
afterAll(async () => t.close());

const get = (url: string, headers = key) => t.app.inject({ method: 'GET', url, headers });

describe('/api/v1 lists', () => {
  it('lists customers and sites (of one customer), and nothing of another organization', async () => {
    const customers = await get('/api/v1/customers');
    expect(customers.statusCode, customers.body).toBe(200);
    expect(
      customers
        .json<{ items: { name: string }[] }>()
        .items.map((c) => c.name)
        .sort(),
    ).toEqual(['Acme Ltd', 'Zenith Homes']);
    const sites = await get(`/api/v1/sites?customerId=${world.customers.zenith}`);
    expect(sites.json<{ items: { address: string }[] }>().items).toMatchObject([{ address: '7 Mill Lane' }]);
    for (const url of ['/api/v1/customers', '/api/v1/sites', '/api/v1/outstanding-items', '/api/v1/submissions']) {
      expect((await get(url, otherKey)).json<{ items: unknown[] }>().items, url).toEqual([]);
    }
  });

  it('pages customers by cursor, every row once, while customers are added', async () => {
    const orgId = t.fixtures.orgA.id;
    const seen: string[] = [];
    let cursor: string | null = null;
    let added = 0;
    do {
      const res = await get(`/api/v1/customers?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      if (added < 3) {
        added++;
        await writeInOrg(t.db, orgId, (tx, rec) =>
          createCustomer(tx, rec, { orgId, name: `Added ${added}`, phone: null, email: null }),
        );
      }
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('lists outstanding items by status and job', async () => {
    const open = await get(`/api/v1/outstanding-items?status=open&jobId=${world.jobIds[0]}`);
    expect(open.json<{ items: { title: string }[] }>().items).toMatchObject([{ title: 'Replace the flue seal' }]);
    const done = await get('/api/v1/outstanding-items?status=done');
    expect(done.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('lists submissions with their answers and links to the photos that arrived', async () => {
    const res = await get('/api/v1/submissions?status=submitted');
    expect(res.statusCode, res.body).toBe(200);
    const [submission] = res.json<{ items: ApiSubmission[] }>().items;
    expect(submission).toMatchObject({
      id: refs.responseId,
      templateName: 'Service form',
      status: 'submitted',
      answers: [{ fieldKey: 'pressure', value: 1.4, conflict: false }],
    });
    const links = new Map(submission?.attachments.map((a) => [a.id, a.url]));
    expect(links.get(refs.pending)).toBeNull();
    const url = links.get(refs.photo);
    expect(url).toBe(`/api/v1/attachments/${refs.photo}`);
    const bytes = await get(url!);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.rawPayload.equals(PHOTO_BYTES)).toBe(true);
    expect((await get(url!, otherKey)).statusCode).toBe(404);
  });

  it('refuses hostile queries with 400', async () => {
    for (const url of [
      '/api/v1/sites?customerId=nope',
      '/api/v1/outstanding-items?status=burnt',
      '/api/v1/submissions?cursor=%00%00',
      `/api/v1/customers?cursor=${Buffer.from(`v1:${'9'.repeat(36)}`).toString('base64url')}`,
      '/api/v1/customers?limit=-1',
      // A valid cursor with junk after it (the decoder skips what is outside its alphabet).
      `/api/v1/customers?cursor=${Buffer.from(`v1:${crypto.randomUUID()}`).toString('base64url')}x`,
      `/api/v1/customers?cursor=${Buffer.from(`v1:${crypto.randomUUID()}`).toString('base64url')}!!`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(errorBody(res).code).toBe('validation');
    }
  });
});

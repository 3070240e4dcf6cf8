import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRowSchema, jobsPageSchema, jobTypeRowSchema, siteRowSchema } from '@lastmile/domain';
import { customers, jobTypes, sites } from '../../db/schema/index.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let world: OfficeWorld;
let office: Credentials;

beforeAll(async () => {
  t = await createTestApp();
  const { orgA } = t.fixtures;
  world = await createOfficeWorld(t.db, { orgId: orgA.id, teamId: orgA.teamId, assigneeId: null, jobCount: 2 });
  office = await sessionFor(t.db, orgA.users.office);
});
afterAll(async () => {
  await t.close();
});

const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: office });

async function countOf(table: typeof customers | typeof sites | typeof jobTypes): Promise<number> {
  return (await t.db.select({ id: table.id }).from(table).where(eq(table.orgId, t.fixtures.orgA.id))).length;
}

describe('customers', () => {
  it('creates and edits a customer, and the jobs table finds its jobs under the new name', async () => {
    const created = await send('POST', '/api/customers', {
      name: '  Northwind  ',
      phone: '',
      email: 'ops@northwind.test',
    });
    expect(created.statusCode, created.body).toBe(201);
    const row = customerRowSchema.parse(created.json());
    expect(row).toMatchObject({ name: 'Northwind', phone: null, email: 'ops@northwind.test' });

    const renamed = await send('PATCH', `/api/customers/${world.customers.acme}`, {
      name: 'Acme Renamed',
      phone: '555 0101',
      email: null,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const found = await t.app.inject({ method: 'GET', url: '/api/jobs?search=renamed', headers: office });
    expect(jobsPageSchema.parse(found.json()).total).toBe(1);
  });

  it('refuses bad input with a message per field and stores nothing', async () => {
    const before = await countOf(customers);
    const response = await send('POST', '/api/customers', { name: ' ', phone: 'x'.repeat(51), email: 'not-an-email' });
    expect(response.statusCode).toBe(400);
    const issues = errorBody(response).issues ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'is required' },
        { path: 'phone', message: 'must be at most 50 characters' },
        { path: 'email', message: 'must be an email address, like name@company.com' },
      ]),
    );
    expect(await countOf(customers)).toBe(before);
  });

  it('answers 404 for a customer that does not exist', async () => {
    const response = await send('PATCH', `/api/customers/${crypto.randomUUID()}`, {
      name: 'X',
      phone: null,
      email: null,
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('sites', () => {
  it('creates a site for a customer and edits its address (searchable)', async () => {
    const created = await send('POST', '/api/sites', {
      customerId: world.customers.zenith,
      name: 'Annex',
      address: '9 Quay Road',
      lat: 51.5,
      lng: -0.1,
      accessNotes: 'Gate code 4411',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(siteRowSchema.parse(created.json())).toMatchObject({
      customerId: world.customers.zenith,
      accessNotes: 'Gate code 4411',
    });

    const edited = await send('PATCH', `/api/sites/${world.sites.zenithDepot}`, {
      name: 'Depot',
      address: '8 Mill Lane',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const found = await t.app.inject({ method: 'GET', url: '/api/jobs?search=8%20mill', headers: office });
    expect(jobsPageSchema.parse(found.json()).total).toBe(1);
  });

  it('refuses an unknown customer, an empty address and impossible coordinates, storing nothing', async () => {
    const before = await countOf(sites);
    const unknown = await send('POST', '/api/sites', {
      customerId: crypto.randomUUID(),
      name: 'X',
      address: '1 Road',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorBody(unknown).issues).toEqual([{ path: 'customerId', message: 'Unknown customer.' }]);
    const bad = await send('POST', '/api/sites', {
      customerId: world.customers.acme,
      name: 'X',
      address: '',
      lat: 91,
      lng: null,
      accessNotes: '',
    });
    expect(
      errorBody(bad)
        .issues?.map((i) => i.path)
        .sort(),
    ).toEqual(['address', 'lat']);
    expect(await countOf(sites)).toBe(before);
  });
});

describe('job types', () => {
  it('creates a job type with key fields and no template yet, and edits it', async () => {
    const created = await send('POST', '/api/job-types', {
      name: 'Gas safety check',
      defaultDurationMinutes: 45,
      keyFields: ['meter_reading', 'co_ppm'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const row = jobTypeRowSchema.parse(created.json());
    expect(row).toMatchObject({ defaultDurationMinutes: 45, keyFields: ['meter_reading', 'co_ppm'], templateId: null });
    const edited = await send('PATCH', `/api/job-types/${row.id}`, {
      name: 'Gas safety check',
      defaultDurationMinutes: 60,
      keyFields: [],
    });
    expect(jobTypeRowSchema.parse(edited.json())).toMatchObject({ defaultDurationMinutes: 60, keyFields: [] });
  });

  it('refuses a duplicate name (any case), bad durations and malformed key fields', async () => {
    const before = await countOf(jobTypes);
    const duplicate = await send('POST', '/api/job-types', {
      name: 'repair',
      defaultDurationMinutes: 30,
      keyFields: [],
    });
    expect(duplicate.statusCode).toBe(409);
    expect(errorBody(duplicate).issues).toEqual([{ path: 'name', message: 'is already used by another job type' }]);
    const bad = await send('POST', '/api/job-types', {
      name: 'New',
      defaultDurationMinutes: 2.5,
      keyFields: ['Meter Reading', 'ok', 'ok'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      errorBody(bad)
        .issues?.map((i) => i.path)
        .sort(),
    ).toEqual(['defaultDurationMinutes', 'keyFields', 'keyFields.0']);
    const renameOnto = await send('PATCH', `/api/job-types/${world.jobTypes.inspection}`, {
      name: 'REPAIR',
      defaultDurationMinutes: 30,
      keyFields: [],
    });
    expect(renameOnto.statusCode).toBe(409);
    expect(await countOf(jobTypes)).toBe(before);
  });
});

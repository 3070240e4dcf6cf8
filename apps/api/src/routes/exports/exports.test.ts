import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { auditEvents, formAnswers, formResponses, jobs, outstandingItems } from '../../db/schema/index.ts';
import { answersExport } from '../../services/exports/export-answers.ts';
import { jobsExportPages } from '../../services/exports/export-jobs.ts';
import { createTemplate, publishTemplate } from '../../services/form-templates.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, sessionFor, type TestApp } from '../../test/test-app.ts';

const HOSTILE_TITLE = '=HYPERLINK("http://evil.test","click")';
const definition = {
  sections: [
    {
      key: 'main',
      title: 'Main',
      fields: [
        { key: 'pressure', label: 'Pressure', type: 'number', unit: 'bar', min: -1, max: 4, decimals: 1 },
        { key: 'flue', label: 'Flue', type: 'passFail' },
        {
          key: 'flue_note',
          label: 'Flue note',
          type: 'shortText',
          visibleWhen: { match: 'all', conditions: [{ field: 'flue', op: 'equals', value: 'fail' }] },
        },
        { key: 'notes', label: 'Notes', type: 'longText' },
        {
          key: 'extras',
          label: 'Extras',
          type: 'multipleChoice',
          choices: [
            { value: 'filter', label: 'Filter' },
            { value: 'valve', label: 'Valve' },
          ],
        },
        { key: 'intro', label: 'Read this', type: 'instructions' },
        {
          key: 'radiators',
          label: 'Radiator',
          type: 'group',
          fields: [
            { key: 'room', label: 'Room', type: 'shortText' },
            { key: 'ok', label: 'OK', type: 'yesNo' },
          ],
        },
      ],
    },
  ],
};

let t: TestApp;
let world: OfficeWorld;
let versionId = '';

type Who = keyof TestApp['fixtures']['orgA']['users'] | 'otherOrg';
async function get(url: string, who: Who) {
  const user = who === 'otherOrg' ? t.fixtures.orgB.users.admin : t.fixtures.orgA.users[who];
  return t.app.inject({ method: 'GET', url, headers: await sessionFor(t.db, user) });
}

function table(body: string): string[][] {
  expect(body.charCodeAt(0)).toBe(0xfeff);
  const parsed = parseCsv(body);
  if (!parsed.ok) throw new Error(`line ${parsed.line}: ${parsed.message}`);
  return parsed.records.map((r) => r.fields);
}

/** Rows as header → cell objects. */
function objects(body: string): Record<string, string>[] {
  const [header = [], ...rows] = table(body);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

beforeAll(async () => {
  t = await createTestApp();
  const orgId = t.fixtures.orgA.id;
  const { technician, office } = t.fixtures.orgA.users;
  world = await createOfficeWorld(t.db, {
    orgId,
    teamId: t.fixtures.orgA.teamId,
    assigneeId: technician.id,
    jobCount: 7,
  });
  await t.db.update(jobs).set({ title: HOSTILE_TITLE }).where(eq(jobs.id, world.jobIds[0]!));
  await t.db.update(jobs).set({ title: 'Kocioł — łazienka, "góra"' }).where(eq(jobs.id, world.jobIds[1]!));
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    const template = await createTemplate(tx, { orgId, userId: office.id, name: 'Service form', definition });
    const version = await publishTemplate(tx, rec, { orgId, userId: office.id, id: template.id });
    versionId = version.id;
    const answers: Record<string, unknown>[] = [
      {
        pressure: -0.5,
        flue: 'fail',
        flue_note: '@SUM(1+1)',
        notes: 'Line one,\nline "two"',
        extras: ['filter', 'valve'],
        radiators: [
          { room: 'Kitchen', ok: true },
          { room: 'Hall', ok: false },
        ],
      },
      // The flue passed: its note is hidden, so its leftover value is not exported.
      { pressure: 1.5, flue: 'pass', flue_note: 'stale', radiators: [{ room: 'Sypialnia', ok: true }] },
      {},
    ];
    for (const [i, values] of answers.entries()) {
      const responseId = randomUUID();
      await tx.insert(formResponses).values({
        id: responseId,
        orgId,
        jobId: world.jobIds[i]!,
        templateId: template.id,
        templateVersionId: version.id,
        status: 'submitted',
        createdBy: technician.id,
        submittedAt: new Date('2030-01-02T09:00:00Z'),
        submittedBy: technician.id,
      });
      const rows = Object.entries(values).map(([fieldKey, value]) => ({
        responseId,
        fieldKey,
        orgId,
        value: value as never,
        answeredBy: technician.id,
        capturedAt: new Date(),
      }));
      if (rows.length > 0) await tx.insert(formAnswers).values(rows);
    }
  });
  await t.db.insert(outstandingItems).values({
    id: randomUUID(),
    orgId,
    title: '+44 call the customer',
    description: 'Ciśnienie spada',
    jobId: world.jobIds[0]!,
    siteId: world.sites.acmeMain,
    teamId: t.fixtures.orgA.teamId,
    priority: 'high',
    status: 'open',
    createdBy: technician.id,
  });
  await t.db.insert(auditEvents).values({
    orgId,
    userId: office.id,
    action: 'transitionJob',
    jobId: world.jobIds[0]!,
    changes: [{ field: 'status', before: 'submitted', after: 'approved' }],
  });
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/exports/jobs.csv', () => {
  it('streams every job of the filter with a BOM, hostile cells neutralized, Polish and quotes intact', async () => {
    const response = await get('/api/exports/jobs.csv', 'office');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="jobs-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = objects(response.body);
    expect(rows.map((r) => r['job_id']).sort()).toEqual([...world.jobIds].sort());
    const titles = rows.map((r) => r['title']);
    expect(titles).toContain(`'${HOSTILE_TITLE}`);
    expect(titles).not.toContain(HOSTILE_TITLE);
    expect(titles).toContain('Kocioł — łazienka, "góra"');
  });

  it("takes the office table's filter", async () => {
    const rows = objects((await get(`/api/exports/jobs.csv?customerId=${world.customers.acme}`, 'office')).body);
    expect(rows.length).toBe(4);
    expect(new Set(rows.map((r) => r['customer']))).toEqual(new Set(['Acme Ltd']));
  });

  it('refuses a date PostgreSQL cannot store with a 400 before any row is sent (it cut the file off)', async () => {
    for (const url of [
      '/api/exports/jobs.csv?from=0000-01-01T00:00:00Z',
      '/api/exports/audit.csv?to=0000-01-01T00:00:00Z',
    ]) {
      const res = await get(url, 'office');
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation' });
    }
  });

  it("gives a lead their team's jobs only, another organization none, a technician nothing", async () => {
    const lead = objects((await get('/api/exports/jobs.csv', 'lead')).body);
    // Every third job of the world is assigned to team A.
    expect(lead.map((r) => r['team'])).toEqual(['Team A', 'Team A', 'Team A']);
    const other = await get('/api/exports/jobs.csv', 'otherOrg');
    expect(other.statusCode).toBe(200);
    expect(table(other.body)).toHaveLength(1);
    expect((await get('/api/exports/jobs.csv', 'technician')).statusCode).toBe(403);
  });

  it('reads by keyset: small pages give every job exactly once', async () => {
    const ids: unknown[] = [];
    for await (const page of jobsExportPages(t.db, t.fixtures.orgA.id, {}, undefined, 2)) {
      ids.push(...page.map((row) => row.at(-1)));
    }
    expect(ids.sort()).toEqual([...world.jobIds].sort());
  });
});

describe('GET /api/exports/answers.csv', () => {
  it('has one column per field key, groups flattened as key[n].child, and round-trips through a CSV parser', async () => {
    const response = await get(`/api/exports/answers.csv?templateVersionId=${versionId}`, 'office');
    expect(response.statusCode, response.body).toBe(200);
    const [header] = table(response.body);
    expect(header).toEqual([
      'job_number',
      'job_id',
      'response_id',
      'status',
      'submitted_at',
      'submitted_by',
      'pressure',
      'flue',
      'flue_note',
      'notes',
      'extras',
      'radiators[1].room',
      'radiators[1].ok',
      'radiators[2].room',
      'radiators[2].ok',
    ]);
    const byJob = new Map(objects(response.body).map((r) => [r['job_id'], r]));
    expect(byJob.get(world.jobIds[0])).toMatchObject({
      pressure: '-0.5',
      flue: 'fail',
      flue_note: "'@SUM(1+1)",
      notes: 'Line one,\nline "two"',
      extras: 'filter; valve',
      'radiators[1].room': 'Kitchen',
      'radiators[1].ok': 'true',
      'radiators[2].room': 'Hall',
      'radiators[2].ok': 'false',
      submitted_by: 'technician',
    });
    expect(byJob.get(world.jobIds[1])).toMatchObject({
      flue_note: '',
      'radiators[1].room': 'Sypialnia',
      'radiators[2].room': '',
    });
    expect(byJob.get(world.jobIds[2])).toMatchObject({ pressure: '', flue: '' });
  });

  it('pages through responses by keyset without losing or repeating one', async () => {
    const found = await answersExport(t.db, t.fixtures.orgA.id, versionId, undefined, 1);
    const ids: unknown[] = [];
    for await (const page of found.pages) ids.push(...page.map((row) => row[1]));
    expect(ids.sort()).toEqual(world.jobIds.slice(0, 3).sort());
  });

  it("refuses another organization's version and an unknown one", async () => {
    expect((await get(`/api/exports/answers.csv?templateVersionId=${versionId}`, 'otherOrg')).statusCode).toBe(404);
    expect((await get(`/api/exports/answers.csv?templateVersionId=${randomUUID()}`, 'office')).statusCode).toBe(404);
    expect((await get('/api/exports/answers.csv?templateVersionId=nope', 'office')).statusCode).toBe(400);
  });
});

describe('GET /api/exports/items.csv and audit.csv', () => {
  it('exports outstanding items with their job and site', async () => {
    const rows = objects((await get('/api/exports/items.csv', 'office')).body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: "'+44 call the customer",
      description: 'Ciśnienie spada',
      site_address: '12 Harbour Street',
      priority: 'high',
    });
  });

  it('exports the audit trail to the office only', async () => {
    const rows = objects((await get(`/api/exports/audit.csv?jobId=${world.jobIds[0]}`, 'admin')).body);
    expect(rows.find((r) => r['action'] === 'transitionJob')).toMatchObject({
      person: 'office',
      job_id: world.jobIds[0],
    });
    expect((await get('/api/exports/audit.csv', 'lead')).statusCode).toBe(403);
    expect(table((await get('/api/exports/audit.csv', 'otherOrg')).body)).toHaveLength(1);
  });
});

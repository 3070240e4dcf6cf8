import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPreviewSchema, importResultSchema, MAX_IMPORT_ROWS } from '@lastmile/domain';
import { customers, jobs, sites, syncChanges } from '../../db/schema/index.ts';
import { createOfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let office: Credentials;
const HEADER =
  'external_ref,title,job_type,customer,site_address,scheduled_start,scheduled_end,duration_minutes,priority,technician,notes';

beforeAll(async () => {
  t = await createTestApp();
  const { orgA } = t.fixtures;
  await createOfficeWorld(t.db, { orgId: orgA.id, teamId: orgA.teamId, assigneeId: null, jobCount: 0 });
  office = await sessionFor(t.db, orgA.users.office);
});
afterAll(async () => {
  await t.close();
});

const post = (step: 'preview' | 'commit', payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/jobs/import/${step}`,
    headers: office,
    payload: { timeZone: 'Europe/London', ...payload },
  });

async function preview(csv: string) {
  const response = await post('preview', { csv });
  expect(response.statusCode, response.body).toBe(200);
  return importPreviewSchema.parse(response.json());
}

const importedJobs = () =>
  t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.orgId, t.fixtures.orgA.id), isNotNull(jobs.externalRef)));
const techEmail = () => t.fixtures.orgA.users.technician.email;

function goodFile(prefix: string): string {
  return [
    HEADER,
    `${prefix}-1,Annual service,Repair,Acme Ltd,12 Harbour Street,2030-03-02 08:00,,,high,${techEmail()},"Ring twice, then wait"`,
    `${prefix}-2,"Leak, kitchen",inspection,New Customer Co,"1 New Road, Leeds",2030-03-02T09:00+01:00,2030-03-02T11:00+01:00,,,,`,
    `${prefix}-3,Follow-up,Repair,New Customer Co,"1 new road,  leeds",2030-03-03 10:00,,30,LOW,,`,
  ].join('\r\n');
}

describe('CSV import', () => {
  it('reports errors per row and column, and imports nothing while any row is wrong', async () => {
    const file = [
      HEADER,
      'E-1,Good row,Repair,Acme Ltd,12 Harbour Street,2030-03-02 08:00,,,,,',
      'E-2,Bad type,Welding,Acme Ltd,12 Harbour Street,2030-03-02 08:00,,,,,',
      'E-3,Bad date,Repair,Acme Ltd,12 Harbour Street,02/03/2030,,,,,',
      'E-1,Duplicate ref,Repair,Acme Ltd,12 Harbour Street,2030-03-02 08:00,,,urgentish,nobody@a.test,',
      ',,Repair,Acme Ltd,,2030-03-02 08:00,2030-03-02 07:00,,,,',
    ].join('\n');
    const result = await preview(file);
    expect(result.summary).toMatchObject({ total: 5, new: 1, invalid: 4, alreadyImported: 0 });
    const errorsOf = (line: number) => result.rows.find((r) => r.line === line)?.errors.map((e) => e.column);
    expect(errorsOf(2)).toEqual([]);
    expect(result.rows[1]?.errors).toEqual([
      {
        column: 'job_type',
        message: expect.stringMatching(/"Welding" is not a job type. Known types: Inspection, Repair/),
      },
    ]);
    expect(result.rows[2]?.errors).toEqual([
      { column: 'scheduled_start', message: expect.stringContaining('"02/03/2030" is not a date and time') },
    ]);
    expect(errorsOf(5)).toEqual(['external_ref', 'priority', 'technician']);
    expect(result.rows[3]?.errors[0]?.message).toContain('also on line 2');
    expect(errorsOf(6)).toEqual(['external_ref', 'title', 'site_address', 'scheduled_end']);

    const commit = await post('commit', { csv: file });
    expect(commit.statusCode).toBe(400);
    const body = errorBody(commit);
    expect(body.message).toContain('4 of 5 rows have errors, so nothing was imported');
    expect(body.issues).toContainEqual({ path: 'line 3 job_type', message: expect.any(String) });
    expect(await importedJobs()).toEqual([]);
  });

  it('imports a valid file once, creating missing customers and sites, and re-importing adds nothing', async () => {
    const changesBefore = (await t.db.select().from(syncChanges)).length;
    const first = await preview(goodFile('OK'));
    expect(first.summary).toMatchObject({ total: 3, new: 3, invalid: 0, newCustomers: 1, newSites: 1 });
    expect(first.rows.map((r) => [r.createsCustomer, r.createsSite])).toEqual([
      [false, false],
      [true, true],
      [true, true],
    ]);

    const commit = await post('commit', { csv: goodFile('OK') });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(importResultSchema.parse(commit.json())).toEqual({
      created: 3,
      alreadyImported: 0,
      skippedInvalid: 0,
      customersCreated: 1,
      sitesCreated: 1,
    });
    const rows = await importedJobs();
    const byRef = new Map(rows.map((r) => [r.externalRef, r]));
    expect(byRef.get('OK-1')).toMatchObject({
      priority: 'high',
      assigneeId: t.fixtures.orgA.users.technician.id,
      teamId: t.fixtures.orgA.teamId,
      notes: 'Ring twice, then wait',
    });
    // London in March is UTC; the job type's default of 90 minutes fills the missing end.
    expect(byRef.get('OK-1')?.scheduledStart.toISOString()).toBe('2030-03-02T08:00:00.000Z');
    expect(byRef.get('OK-1')?.scheduledEnd.toISOString()).toBe('2030-03-02T09:30:00.000Z');
    expect(byRef.get('OK-2')?.scheduledStart.toISOString()).toBe('2030-03-02T08:00:00.000Z');
    expect(byRef.get('OK-3')).toMatchObject({ priority: 'low', siteId: byRef.get('OK-2')?.siteId });
    expect((await t.db.select().from(customers).where(eq(customers.name, 'New Customer Co'))).length).toBe(1);
    expect((await t.db.select().from(sites).where(eq(sites.address, '1 New Road, Leeds'))).length).toBe(1);
    // Everything reached the change log, so devices receive it through sync.
    expect((await t.db.select().from(syncChanges)).length).toBeGreaterThan(changesBefore);

    const again = await preview(goodFile('OK'));
    expect(again.summary).toMatchObject({ new: 0, alreadyImported: 3 });
    const recommit = await post('commit', { csv: goodFile('OK') });
    expect(importResultSchema.parse(recommit.json())).toMatchObject({ created: 0, alreadyImported: 3 });
    expect(await importedJobs()).toHaveLength(3);
  });

  it('matches a reference whatever its case and surrounding spaces: a re-saved sheet adds no job', async () => {
    const row = (ref: string) => `${ref},Boiler check,Repair,Acme Ltd,12 Harbour Street,2030-06-01 08:00,,,,,`;
    const first = await post('commit', { csv: [HEADER, row('WO-17')].join('\n') });
    expect(importResultSchema.parse(first.json())).toMatchObject({ created: 1 });

    const resaved = [HEADER, row('wo-17'), row('"  Wo-17 "')].join('\n');
    const again = await preview(resaved);
    expect(again.rows.map((r) => r.outcome)).toEqual(['alreadyImported', 'invalid']);
    expect(again.rows[1]?.errors[0]?.message).toContain('also on line 2');
    const recommit = await post('commit', { csv: [HEADER, row('wo-17')].join('\n') });
    expect(importResultSchema.parse(recommit.json())).toMatchObject({ created: 0, alreadyImported: 1 });
    const refs = (await importedJobs()).map((j) => j.externalRef?.toLowerCase()).filter((r) => r === 'wo-17');
    expect(refs).toHaveLength(1);
  });

  it('matches a customer whatever its case and spacing, in the sheet or as saved: no duplicate customer', async () => {
    const orgId = t.fixtures.orgA.id;
    await t.db.insert(customers).values({ id: crypto.randomUUID(), orgId, name: '  Harbour  Dental\tPractice ' });
    const row = `SP-1,Check-up,Repair,harbour dental   PRACTICE,3 Quay Road,2030-07-01 08:00,,,,,`;
    const planned = await preview([HEADER, row].join('\n'));
    expect(planned.rows[0]).toMatchObject({ outcome: 'new', createsCustomer: false });
    const commit = await post('commit', { csv: [HEADER, row].join('\n') });
    expect(importResultSchema.parse(commit.json())).toMatchObject({ created: 1, customersCreated: 0 });
    const named = (await t.db.select().from(customers).where(eq(customers.orgId, orgId))).filter((c) =>
      c.name.toLowerCase().includes('harbour'),
    );
    expect(named).toHaveLength(1);
  });

  it('imports only the valid rows when asked to, explicitly', async () => {
    const file = [
      HEADER,
      'V-1,Fine,Repair,Acme Ltd,12 Harbour Street,2030-04-01 08:00,,,,,',
      'V-2,Broken,Repair,Acme Ltd,12 Harbour Street,not a date,,,,,',
    ].join('\n');
    const response = await post('commit', { csv: file, onlyValid: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(importResultSchema.parse(response.json())).toMatchObject({ created: 1, skippedInvalid: 1 });
    expect((await importedJobs()).map((j) => j.externalRef)).toContain('V-1');
    expect((await importedJobs()).map((j) => j.externalRef)).not.toContain('V-2');
  });

  it('answers a malformed or unusable file with 400/413 and a message, never 500', async () => {
    const cases: [string, number, string][] = [
      [`${HEADER}\nX-1,"unclosed,Repair`, 400, 'not valid CSV (line 2)'],
      ['ref,title\nX-1,Only two columns', 400, 'lacks the columns job_type, customer, site_address, scheduled_start'],
      [HEADER, 400, 'no jobs'],
      [
        'title,Title,external_ref,job_type,customer,site_address,scheduled_start\n',
        400,
        'names the column title twice',
      ],
      [
        [
          HEADER,
          ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `R-${i},t,Repair,Acme Ltd,a,2030-01-01 08:00`),
        ].join('\n'),
        413,
        'import at most 5,000 at a time',
      ],
    ];
    for (const [csv, status, message] of cases) {
      for (const step of ['preview', 'commit'] as const) {
        const response = await post(step, { csv });
        expect(response.statusCode, `${step}: ${message}`).toBe(status);
        expect(errorBody(response).message).toContain(message);
      }
    }
    const badZone = await post('preview', { csv: goodFile('Z'), timeZone: 'Mars/Olympus' });
    expect(badZone.statusCode).toBe(400);
    expect(errorBody(badZone).issues).toEqual([{ path: 'timeZone', message: 'is not a known time zone' }]);
  });

  it('handles a byte-order mark, extra columns and a row with too many values', async () => {
    const file = `\uFEFF${HEADER},internal_code\nB-1,With BOM,Repair,Acme Ltd,12 Harbour Street,2030-05-01 08:00,,,,,,X9\nB-2,Too many,Repair,Acme Ltd,12 Harbour Street,2030-05-01 08:00,,,,,,X9,surprise`;
    const result = await preview(file);
    expect(result.ignoredColumns).toEqual(['internal_code']);
    expect(result.rows[0]?.outcome).toBe('new');
    expect(result.rows[1]?.errors).toEqual([{ column: '', message: 'has 13 values but the header has 12 columns' }]);
  });
});

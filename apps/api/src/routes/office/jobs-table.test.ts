import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsPageSchema, type JobsPage } from '@lastmile/domain';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let world: OfficeWorld;
let office: Credentials;
let lead: Credentials;
let otherOrg: Credentials;

beforeAll(async () => {
  t = await createTestApp();
  const { orgA, orgB } = t.fixtures;
  world = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: orgA.teamId,
    assigneeId: orgA.users.technician.id,
    jobCount: 12,
  });
  await createOfficeWorld(t.db, { orgId: orgB.id, teamId: null, assigneeId: null, jobCount: 3, prefix: 'B ' });
  office = await sessionFor(t.db, orgA.users.office);
  lead = await sessionFor(t.db, orgA.users.lead);
  otherOrg = await sessionFor(t.db, orgB.users.admin);
});
afterAll(async () => {
  await t.close();
});

async function list(query: string, as: Credentials = office): Promise<JobsPage> {
  const response = await t.app.inject({ method: 'GET', url: `/api/jobs${query}`, headers: as });
  expect(response.statusCode, response.body).toBe(200);
  return jobsPageSchema.parse(response.json());
}

describe('GET /api/jobs', () => {
  it('pages through the organization in schedule order with the names the table shows', async () => {
    const first = await list('?pageSize=5');
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(first.items.map((j) => j.title)).toEqual([0, 1, 2, 3, 4].map((i) => `Boiler service ${i}`));
    expect(first.items[0]).toMatchObject({
      number: 'J-00001',
      jobType: { name: 'Repair' },
      customer: { name: 'Acme Ltd' },
      site: { address: '12 Harbour Street' },
      team: { name: 'Team A' },
      assignee: { name: 'technician' },
      externalRef: 'EXT-0',
    });
    expect(first.items[1]?.assignee).toBeNull();
    const last = await list('?pageSize=5&page=3');
    expect(last.items.map((j) => j.title)).toEqual(['Boiler service 10', 'Boiler service 11']);
    expect((await list('?pageSize=5&page=4')).items).toEqual([]);
  });

  it('searches number, title, customer, address and external ref, case-insensitively', async () => {
    expect((await list('?search=harbour')).total).toBe(6);
    expect((await list('?search=ZENITH')).total).toBe(6);
    expect((await list('?search=J-00012')).items.map((j) => j.title)).toEqual(['Boiler service 11']);
    expect((await list('?search=ext-7')).items.map((j) => j.externalRef)).toEqual(['EXT-7']);
    expect((await list('?search=service%2010')).total).toBe(1);
    // A % typed by a person is a character, not a wildcard.
    expect((await list('?search=%25')).total).toBe(0);
  });

  it('filters by status, type, team, assignee, customer and date range, combined', async () => {
    expect((await list('?status=scheduled')).total).toBe(12);
    expect((await list('?status=paused&status=completed')).total).toBe(0);
    expect((await list(`?jobTypeId=${world.jobTypes.inspection}`)).total).toBe(6);
    expect((await list(`?teamId=${t.fixtures.orgA.teamId}`)).total).toBe(4);
    expect(
      (await list(`?assigneeId=${t.fixtures.orgA.users.technician.id}&customerId=${world.customers.acme}`)).total,
    ).toBe(2);
    const range = await list('?from=2030-01-03T00:00:00Z&to=2030-01-05T00:00:00Z');
    expect(range.items.map((j) => j.title)).toEqual(['Boiler service 2', 'Boiler service 3']);
  });

  it('takes several values of a filter as "any of" them (multi-select filters), one value as before', async () => {
    const { repair, inspection } = world.jobTypes;
    expect((await list(`?jobTypeId=${repair}&jobTypeId=${inspection}`)).total).toBe(12);
    expect((await list(`?jobTypeId=${repair}`)).total).toBe(6);
    // Lists combine with "and": any of the two types, and this technician.
    const technician = t.fixtures.orgA.users.technician.id;
    expect((await list(`?jobTypeId=${repair}&jobTypeId=${inspection}&assigneeId=${technician}`)).total).toBe(4);
    // An unknown team adds nothing; the filter still holds for the known one.
    const unknown = randomUUID();
    expect((await list(`?teamId=${t.fixtures.orgA.teamId}&teamId=${unknown}`)).total).toBe(4);
    expect((await list(`?teamId=${unknown}`)).total).toBe(0);
  });

  it('sorts by number, customer, priority and status in both directions', async () => {
    expect((await list('?sort=number&direction=desc&pageSize=2')).items.map((j) => j.number)).toEqual([
      'J-00012',
      'J-00011',
    ]);
    const byCustomer = await list('?sort=customer&direction=desc&pageSize=12');
    expect(byCustomer.items.slice(0, 6).every((j) => j.customer.name === 'Zenith Homes')).toBe(true);
    const byPriority = await list('?sort=priority&direction=desc&pageSize=12');
    expect(byPriority.items.slice(0, 3).map((j) => j.priority)).toEqual(['urgent', 'urgent', 'urgent']);
    expect(byPriority.items.at(-1)?.priority).toBe('low');
    expect((await list('?sort=status&pageSize=1')).items).toHaveLength(1);
  });

  it('shows a lead only their team, and another organization nothing of this one', async () => {
    const team = await list('', lead);
    expect(team.total).toBe(4);
    expect(team.items.every((j) => j.team?.id === t.fixtures.orgA.teamId)).toBe(true);
    const b = await list('?search=acme', otherOrg);
    expect(b.total).toBe(2);
    expect(b.items.every((j) => j.customer.name === 'B Acme Ltd')).toBe(true);
    expect((await list(`?customerId=${world.customers.acme}`, otherOrg)).total).toBe(0);
  });

  it('answers bad query parameters with 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['?pageSize=201', 'pageSize'],
      ['?page=0', 'page'],
      ['?sort=title', 'sort'],
      ['?status=done', 'status.0'],
      ['?teamId=abc', 'teamId.0'],
      [`?jobTypeId=${world.jobTypes.repair}&jobTypeId=nope`, 'jobTypeId.1'],
      [`?${Array.from({ length: 51 }, () => `assigneeId=${world.jobTypes.repair}`).join('&')}`, 'assigneeId'],
      ['?from=2030-01-01', 'from'],
      ['?from=2030-01-05T00:00:00Z&to=2030-01-01T00:00:00Z', 'to'],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url: `/api/jobs${query}`, headers: office });
      expect(response.statusCode, query).toBe(400);
      expect(
        errorBody(response).issues?.map((i) => i.path),
        query,
      ).toContain(path);
    }
  });
});

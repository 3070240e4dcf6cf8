import type { CustomerRow, JobRow, SiteRow } from '@lastmile/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDb } from '../local-db/app-db.ts';
import { loadJobViews } from './load-job-views.ts';

const db = new AppDb('load-job-views-test');

afterEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

const customer: CustomerRow = { id: 'c1', orgId: 'o', name: 'Harbour Bakery', phone: null, email: null };
const site: SiteRow = {
  id: 's1',
  orgId: 'o',
  customerId: 'c1',
  name: 'Shop',
  address: '12 Quay St',
  lat: null,
  lng: null,
  accessNotes: '',
};

function job(id: string, overrides: Partial<JobRow> = {}): JobRow {
  return {
    id,
    orgId: 'o',
    number: id,
    jobTypeId: 't-missing',
    customerId: 'c1',
    siteId: 's1',
    teamId: null,
    assigneeId: null,
    status: 'scheduled',
    priority: 'normal',
    scheduledStart: '2025-05-12T08:00:00Z',
    scheduledEnd: '2025-05-12T09:00:00Z',
    title: '',
    notes: '',
    statusReason: null,
    handoffNote: null,
    externalRef: null,
    updatedAt: '2025-05-12T07:00:00Z',
    updatedBy: null,
    ...overrides,
  };
}

describe('loadJobViews', () => {
  it('joins the rows each job refers to and keeps the job order', async () => {
    await db.customers.put(customer);
    await db.sites.put(site);
    const views = await loadJobViews(db, [job('j2'), job('j1')]);
    expect(views.map((v) => v.job.id)).toEqual(['j2', 'j1']);
    expect(views[0]?.customer?.name).toBe('Harbour Bakery');
    expect(views[0]?.site?.address).toBe('12 Quay St');
  });

  it('leaves references that have not synced yet undefined instead of failing', async () => {
    const [view] = await loadJobViews(db, [job('j1', { assigneeId: 'u-not-here' })]);
    expect(view?.jobType).toBeUndefined();
    expect(view?.assignee).toBeUndefined();
    expect(view?.customer).toBeUndefined();
  });
});

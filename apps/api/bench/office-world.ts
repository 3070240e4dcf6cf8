/**
 * An organization of `jobCount` jobs for the office benchmarks (jobs table, drift): 200 customers, 400
 * sites, 4 job types, 5 teams of 6 technicians, 13 months of schedule from 2030-01-01, every
 * status. Bulk-inserted (no change log: these benchmarks read tables, not sync).
 */
import { sql } from 'drizzle-orm';
import { newId, type JobStatus } from '@lastmile/domain';
import type { AnyDb } from '@lastmile/sync/server';
import { customers, jobs, jobTypes, sites, teams, users } from '../src/db/schema/index.ts';
import { createOrganization } from '../src/services/create-organization.ts';
import { jobSearchText } from '../src/services/job-search-text.ts';

const STATUSES: JobStatus[] = [
  'scheduled',
  'scheduled',
  'scheduled',
  'in_progress',
  'paused',
  'completed',
  'submitted',
  'approved',
  'cancelled',
];
const PRIORITIES = ['low', 'normal', 'normal', 'high', 'urgent'] as const;
const STREETS = [
  'Harbour Street',
  'Mill Lane',
  'Quay Road',
  'Station Road',
  'Church Walk',
  'Kingsway',
  'Bridge End',
  'Park Row',
];

export type OfficeWorld = {
  orgId: string;
  customerIds: string[];
  jobTypeIds: string[];
  teamIds: string[];
  techIds: string[];
};

export async function buildOfficeWorld(db: AnyDb, jobCount: number): Promise<OfficeWorld> {
  const org = await createOrganization(db, { name: 'Bench org' });
  const orgId = org.id;
  const teamIds = Array.from({ length: 5 }, () => newId());
  await db.insert(teams).values(teamIds.map((id, i) => ({ id, orgId, name: `Team ${i}` })));
  const techIds = Array.from({ length: 30 }, () => newId());
  await db.insert(users).values(
    techIds.map((id, i) => ({
      id,
      orgId,
      teamId: teamIds[i % 5]!,
      name: `Tech ${i}`,
      email: `bench-${id}@t.test`,
      passwordHash: 'x',
      role: 'technician' as const,
    })),
  );
  const jobTypeIds = Array.from({ length: 4 }, () => newId());
  await db.insert(jobTypes).values(jobTypeIds.map((id, i) => ({ id, orgId, name: `Type ${i}` })));
  const customerIds = Array.from({ length: 200 }, () => newId());
  await db
    .insert(customers)
    .values(customerIds.map((id, i) => ({ id, orgId, name: `Customer ${String(i).padStart(3, '0')} Ltd` })));
  const siteRows = Array.from({ length: 400 }, (_, i) => ({
    id: newId(),
    orgId,
    customerId: customerIds[i % 200]!,
    name: 'Site',
    address: `${i + 1} ${STREETS[i % STREETS.length]}`,
  }));
  await db.insert(sites).values(siteRows);

  const start = Date.UTC(2030, 0, 1);
  for (let i = 0; i < jobCount; i += 2000) {
    const values = Array.from({ length: Math.min(2000, jobCount - i) }, (_, k) => {
      const n = i + k;
      const site = siteRows[n % 400]!;
      const assigned = n % 4 !== 0;
      const tech = n % 30;
      const at = new Date(start + Math.floor((n / jobCount) * 395 * 86_400_000) + (n % 9) * 3_600_000);
      const number = `J-${String(n + 1).padStart(5, '0')}`;
      const title = `Service visit ${n}`;
      const externalRef = n % 2 === 0 ? `ERP-${n}` : null;
      return {
        id: newId(),
        orgId,
        number,
        jobTypeId: jobTypeIds[n % 4]!,
        customerId: site.customerId,
        siteId: site.id,
        teamId: assigned ? teamIds[tech % 5]! : null,
        assigneeId: assigned ? techIds[tech]! : null,
        status: STATUSES[n % STATUSES.length]!,
        priority: PRIORITIES[n % PRIORITIES.length]!,
        scheduledStart: at,
        scheduledEnd: new Date(at.getTime() + 3_600_000),
        title,
        externalRef,
        searchText: jobSearchText({
          number,
          title,
          externalRef,
          customerName: `Customer ${String(customerIds.indexOf(site.customerId)).padStart(3, '0')} Ltd`,
          siteAddress: site.address,
        }),
      };
    });
    await db.insert(jobs).values(values);
  }
  await db.execute(sql`analyze`);
  return { orgId, customerIds, jobTypeIds, teamIds, techIds };
}

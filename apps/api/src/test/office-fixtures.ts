import { writeInOrg } from '@lastmile/sync/server';
import type { Db } from '../db/client.ts';
import { createCustomer } from '../services/create-customer.ts';
import { createJob } from '../services/create-job.ts';
import { createJobType } from '../services/create-job-type.ts';
import { createSite } from '../services/create-site.ts';

export type OfficeWorld = {
  jobTypes: { repair: string; inspection: string };
  customers: { acme: string; zenith: string };
  sites: { acmeMain: string; zenithDepot: string };
  jobIds: string[];
};

/**
 * Reference rows and `jobCount` jobs for one organization: alternating customers, types and
 * priorities, one a day from 2030-01-01 08:00 UTC, every third one assigned to `assigneeId`.
 */
export async function createOfficeWorld(
  db: Db,
  input: { orgId: string; teamId: string | null; assigneeId: string | null; jobCount: number; prefix?: string },
): Promise<OfficeWorld> {
  const { orgId } = input;
  const prefix = input.prefix ?? '';
  return writeInOrg(db, orgId, async (tx, rec) => {
    const repair = await createJobType(tx, rec, {
      orgId,
      name: `${prefix}Repair`,
      defaultDurationMinutes: 90,
      keyFields: [],
      templateId: null,
    });
    const inspection = await createJobType(tx, rec, {
      orgId,
      name: `${prefix}Inspection`,
      defaultDurationMinutes: 60,
      keyFields: ['meter'],
      templateId: null,
    });
    const acme = await createCustomer(tx, rec, { orgId, name: `${prefix}Acme Ltd`, phone: null, email: null });
    const zenith = await createCustomer(tx, rec, { orgId, name: `${prefix}Zenith Homes`, phone: null, email: null });
    const acmeMain = await createSite(tx, rec, {
      orgId,
      customerId: acme.id,
      name: 'Main',
      address: '12 Harbour Street',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const zenithDepot = await createSite(tx, rec, {
      orgId,
      customerId: zenith.id,
      name: 'Depot',
      address: '7 Mill Lane',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const priorities = ['low', 'normal', 'high', 'urgent'] as const;
    const jobIds: string[] = [];
    for (let i = 0; i < input.jobCount; i++) {
      const acmeJob = i % 2 === 0;
      const start = new Date(Date.UTC(2030, 0, 1 + i, 8));
      const assigned = i % 3 === 0;
      const job = await createJob(tx, rec, {
        orgId,
        jobTypeId: i % 2 === 0 ? repair.id : inspection.id,
        customerId: acmeJob ? acme.id : zenith.id,
        siteId: acmeJob ? acmeMain.id : zenithDepot.id,
        teamId: assigned ? input.teamId : null,
        assigneeId: assigned ? input.assigneeId : null,
        priority: priorities[i % 4]!,
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 3_600_000),
        title: `Boiler service ${i}`,
        notes: '',
        externalRef: `EXT-${prefix}${i}`,
        createdBy: null,
      });
      jobIds.push(job.id);
    }
    return {
      jobTypes: { repair: repair.id, inspection: inspection.id },
      customers: { acme: acme.id, zenith: zenith.id },
      sites: { acmeMain: acmeMain.id, zenithDepot: zenithDepot.id },
      jobIds,
    };
  });
}

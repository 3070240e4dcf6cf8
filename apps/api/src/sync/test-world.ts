import { newId, type Actor, type Role } from '@lastmile/domain';
import { MemoryStore, SyncClient, type SyncTransport } from '@lastmile/sync/client';
import { writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { createCustomer } from '../services/create-customer.ts';
import { createTemplate, publishTemplate } from '../services/form-templates.ts';
import { createJobType } from '../services/create-job-type.ts';
import { createJob } from '../services/create-job.ts';
import { createOrganization } from '../services/create-organization.ts';
import { createSite } from '../services/create-site.ts';
import { createTeam } from '../services/create-team.ts';
import { createUser } from '../services/create-user.ts';
import { inProcessTransport } from './in-process-transport.ts';

export type World = {
  orgId: string;
  teamId: string;
  actors: { office: Actor; lead: Actor; tech1: Actor; tech2: Actor };
  emails: { office: string; lead: string; tech1: string; tech2: string };
  jobIds: string[];
  siteId: string;
};

/**
 * A small organization for sync tests and benchmarks, built through the same services as the
 * demo seed: one team with a lead and two technicians, an office user, and `jobCount` jobs
 * spread over the two technicians (the first one unassigned).
 */
export async function buildWorld(
  db: AnyDb,
  options: { jobCount?: number; name?: string; passwordHash?: string } = {},
): Promise<World> {
  const org = await createOrganization(db, { name: options.name ?? `Test org ${newId().slice(0, 8)}` });
  return writeInOrg(db, org.id, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: org.id, name: 'North' });
    const emails = { office: '', lead: '', tech1: '', tech2: '' };
    const person = async (key: keyof typeof emails, role: Role, teamId: string | null): Promise<Actor> => {
      const user = await createUser(tx, rec, {
        orgId: org.id,
        teamId,
        name: `${key} ${newId().slice(0, 4)}`,
        email: `${key}-${newId()}@test.lastmile.app`,
        role,
        passwordHash: options.passwordHash ?? 'not-for-sign-in',
      });
      emails[key] = user.email;
      return { userId: user.id, orgId: org.id, role, teamId };
    };
    const office = await person('office', 'office', null);
    const lead = await person('lead', 'lead', team.id);
    const tech1 = await person('tech1', 'technician', team.id);
    const tech2 = await person('tech2', 'technician', team.id);
    const customer = await createCustomer(tx, rec, { orgId: org.id, name: 'Acme', phone: null, email: null });
    const site = await createSite(tx, rec, {
      orgId: org.id,
      customerId: customer.id,
      name: 'Depot',
      address: '1 Main St',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const jobType = await createJobType(tx, rec, {
      orgId: org.id,
      name: 'Service',
      defaultDurationMinutes: 60,
      keyFields: [],
      templateId: null,
    });
    const jobIds: string[] = [];
    const start = Date.UTC(2026, 10, 21, 8);
    for (let i = 0; i < (options.jobCount ?? 6); i++) {
      const assignee = i === 0 ? null : i % 2 ? tech1 : tech2;
      const job = await createJob(tx, rec, {
        orgId: org.id,
        jobTypeId: jobType.id,
        customerId: customer.id,
        siteId: site.id,
        teamId: team.id,
        assigneeId: assignee?.userId ?? null,
        priority: 'normal',
        scheduledStart: new Date(start + i * 3_600_000),
        scheduledEnd: new Date(start + (i + 1) * 3_600_000),
        title: `Job ${i}`,
        notes: '',
        externalRef: null,
        createdBy: office.userId,
      });
      jobIds.push(job.id);
    }
    return { orgId: org.id, teamId: team.id, actors: { office, lead, tech1, tech2 }, emails, jobIds, siteId: site.id };
  });
}

/** A published one-section form of the world's organization (by its office user), for sync tests. */
export function publishWorldForm(
  db: AnyDb,
  world: World,
  name: string,
  fields: { key: string; label: string; type: string; [option: string]: unknown }[],
) {
  return writeInOrg(db, world.orgId, async (tx, rec) => {
    const { orgId, userId } = world.actors.office;
    const definition = { sections: [{ key: 's', title: 'S', fields }] };
    const template = await createTemplate(tx, { orgId, userId, name, definition });
    return publishTemplate(tx, rec, { orgId, userId, id: template.id });
  });
}

/**
 * A device in memory that syncs with `db` in-process as `actor`, and what it holds: `has` one
 * row, `keys` of all rows (sorted), `count` of one entity's rows. `wrap` lets a test watch or
 * disturb what goes over the wire.
 */
export function memoryDevice(db: AnyDb, actor: Actor, wrap: (transport: SyncTransport) => SyncTransport = (t) => t) {
  const store = new MemoryStore();
  const client = new SyncClient({
    store,
    transport: wrap(inProcessTransport(db, actor)),
    context: () => ({ actor, now: new Date().toISOString() }),
  });
  const has = (entity: string, id: string) => store.snapshotRows().has(`${entity}:${id}`);
  const keys = () => [...store.snapshotRows().keys()].sort();
  const count = (entity: string) => keys().filter((k) => k.startsWith(`${entity}:`)).length;
  return { store, client, has, keys, count };
}

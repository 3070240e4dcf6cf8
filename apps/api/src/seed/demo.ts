import { count, eq } from 'drizzle-orm';
import type { JobStatus, Priority, Role } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import { customers, jobs, jobTypes, organizations, sites, teams, users } from '../db/schema/index.ts';
import { createCustomer } from '../services/create-customer.ts';
import { createJobType } from '../services/create-job-type.ts';
import { createJob, type CreateJobInput } from '../services/create-job.ts';
import { createOrganization } from '../services/create-organization.ts';
import { createSite } from '../services/create-site.ts';
import { createTeam } from '../services/create-team.ts';
import { createUser } from '../services/create-user.ts';
import {
  ACCESS_NOTES,
  AREAS,
  BUSINESS_KINDS,
  BUSINESS_PREFIXES,
  CANCEL_REASONS,
  DEMO_EMAIL_DOMAIN,
  DEMO_JOB_TYPES,
  DEMO_ORG_NAME,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_TEAMS,
  FIRST_NAMES,
  JOB_NOTES,
  LAST_NAMES,
  PAUSE_REASONS,
  SEND_BACK_REASONS,
  STREETS,
} from './demo-data.ts';
import { Prng } from './prng.ts';
import { seedDemoForms } from './demo-forms.ts';

export { DEMO_PASSWORD } from './demo-data.ts';

export const DEMO_CUSTOMER_COUNT = 50;
export const DEMO_JOB_COUNT = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DemoSignIn = { role: Role; name: string; email: string; team: string | null };

/** Who can sign in to the demo (all with DEMO_PASSWORD); server.ts prints this table. */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = DEMO_PEOPLE.map((p) => ({
  role: p.role,
  name: p.name,
  email: `${p.key}@${DEMO_EMAIL_DOMAIN}`,
  team: p.team === null ? null : (DEMO_TEAMS[p.team] ?? null),
}));

export type SeedResult = {
  seeded: boolean;
  counts: Record<'organizations' | 'teams' | 'users' | 'customers' | 'sites' | 'jobTypes' | 'jobs', number>;
};

/**
 * Creates the demo organization through the same services real users go through, in one
 * transaction (so the change log gets it as one version). Does nothing if any organization
 * exists: the demo never mixes into real data, and a restart does not duplicate it.
 */
export async function seedDemo(db: Db, options: { now?: Date; seed?: number } = {}): Promise<SeedResult> {
  const [existing] = await db.select({ n: count() }).from(organizations);
  if ((existing?.n ?? 0) > 0) return { seeded: false, counts: await countRows(db) };

  const prng = new Prng(options.seed ?? 20260501);
  const now = options.now ?? new Date();
  const orgId = prng.uuid();
  // The demo's password is printed for everyone to use, so one hash (one salt) serves every demo
  // person: ten full-strength scrypts would add seconds to the README's first start and to every
  // test server. Real people each get their own salt (create-user, set-password).
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const hashes = DEMO_PEOPLE.map(() => demoHash);

  await writeInOrg(db, orgId, async (tx, recorder) => {
    await createOrganization(tx, { id: orgId, name: DEMO_ORG_NAME });
    const teamIds: string[] = [];
    for (const name of DEMO_TEAMS) teamIds.push((await createTeam(tx, recorder, { id: prng.uuid(), orgId, name })).id);

    const people: { id: string; role: Role; teamId: string | null }[] = [];
    for (const [i, person] of DEMO_PEOPLE.entries()) {
      const teamId = person.team === null ? null : (teamIds[person.team] ?? null);
      const user = await createUser(tx, recorder, {
        id: prng.uuid(),
        orgId,
        teamId,
        name: person.name,
        email: `${person.key}@${DEMO_EMAIL_DOMAIN}`,
        role: person.role,
        passwordHash: hashes[i] ?? '',
      });
      people.push({ id: user.id, role: user.role, teamId });
    }

    const jobTypeRows = [];
    for (const type of DEMO_JOB_TYPES) {
      const row = await createJobType(tx, recorder, {
        id: prng.uuid(),
        orgId,
        name: type.name,
        defaultDurationMinutes: type.minutes,
        keyFields: [...type.keyFields],
        templateId: null,
      });
      jobTypeRows.push({ ...row, title: type.title });
    }
    const publisher = people.find((p) => p.role === 'office') ?? people.find((p) => p.role === 'admin');
    if (publisher) await seedDemoForms(tx, recorder, { orgId, publishedBy: publisher.id, jobTypes: jobTypeRows });

    const siteList: { customerId: string; siteId: string; siteName: string }[] = [];
    for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
      const business = prng.chance(0.6);
      const name = business
        ? `${prng.pick(BUSINESS_PREFIXES)} ${prng.pick(BUSINESS_KINDS)}`
        : `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
      const customer = await createCustomer(tx, recorder, {
        id: prng.uuid(),
        orgId,
        name,
        phone: `0117 ${prng.int(900, 999)} ${String(prng.int(0, 9999)).padStart(4, '0')}`,
        email: business ? `office@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example` : null,
      });
      const area = prng.pick(AREAS);
      const site = await createSite(tx, recorder, {
        id: prng.uuid(),
        orgId,
        customerId: customer.id,
        name: business ? prng.pick(['Main building', 'Head office', 'Unit 4', 'Annexe']) : 'Home',
        address: `${prng.int(1, 180)} ${prng.pick(STREETS)}, ${area.area}, Bristol ${area.postcode} ${prng.int(1, 9)}${prng.pick(['AB', 'DL', 'HQ', 'NT', 'RW', 'UY'])}`,
        lat: round(area.lat + (prng.next() - 0.5) * 0.02),
        lng: round(area.lng + (prng.next() - 0.5) * 0.03),
        accessNotes: prng.pick(ACCESS_NOTES),
      });
      siteList.push({ customerId: customer.id, siteId: site.id, siteName: name });
    }

    const officeId = people.find((p) => p.role === 'office')?.id ?? null;
    const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const planned: CreateJobInput[] = [];
    for (let i = 0; i < DEMO_JOB_COUNT; i++) {
      const dayOffset = prng.int(-7, 7);
      const type = prng.weighted([
        [jobTypeRows[0], 5],
        [jobTypeRows[1], 3],
        [jobTypeRows[2], 1],
      ] as const);
      if (!type) throw new Error('demo job types missing');
      const start = new Date(
        startOfToday + dayOffset * DAY_MS + (type.defaultDurationMinutes > 240 ? 8 : prng.int(8, 16)) * 3600_000,
      );
      const teamIndex = prng.int(0, teamIds.length - 1);
      const teamId = teamIds[teamIndex] ?? null;
      const crew = people.filter((p) => p.teamId === teamId && (p.role === 'technician' || p.role === 'lead'));
      const status = demoStatus(prng, dayOffset);
      const unassigned = status === 'scheduled' && dayOffset >= 0 && prng.chance(0.15);
      const where = prng.pick(siteList);
      planned.push({
        id: prng.uuid(),
        orgId,
        jobTypeId: type.id,
        customerId: where.customerId,
        siteId: where.siteId,
        teamId,
        assigneeId: unassigned ? null : prng.pick(crew).id,
        priority: prng.weighted<Priority>([
          ['normal', 60],
          ['low', 15],
          ['high', 20],
          ['urgent', 5],
        ]),
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + type.defaultDurationMinutes * 60_000),
        title: `${type.title}: ${where.siteName}`,
        notes: prng.pick(JOB_NOTES),
        externalRef: null,
        status,
        statusReason: reasonFor(prng, status),
        createdBy: officeId,
        now,
      });
    }
    // Numbered in schedule order, as if booked over time.
    planned.sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());
    for (const job of planned) await createJob(tx, recorder, job);
  });
  return { seeded: true, counts: await countRows(db) };
}

/** Past work is mostly done and reviewed, today's is a mix, the coming week is still to do. */
function demoStatus(prng: Prng, dayOffset: number): JobStatus {
  if (dayOffset < 0) {
    return prng.weighted<JobStatus>([
      ['approved', 58],
      ['submitted', 25],
      ['completed', 8],
      ['sent_back', 5],
      ['cancelled', 4],
    ]);
  }
  if (dayOffset === 0) {
    return prng.weighted<JobStatus>([
      ['scheduled', 40],
      ['in_progress', 20],
      ['paused', 10],
      ['completed', 20],
      ['submitted', 10],
    ]);
  }
  return prng.weighted<JobStatus>([
    ['scheduled', 97],
    ['cancelled', 3],
  ]);
}

function reasonFor(prng: Prng, status: JobStatus): string | null {
  if (status === 'paused') return prng.pick(PAUSE_REASONS);
  if (status === 'sent_back') return prng.pick(SEND_BACK_REASONS);
  if (status === 'cancelled') return prng.pick(CANCEL_REASONS);
  return null;
}

function round(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

async function countRows(db: Db): Promise<SeedResult['counts']> {
  const tables = { organizations, teams, users, customers, sites, jobTypes, jobs };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries) as SeedResult['counts'];
}

/** Whether the demo organization is present (server.ts prints the demo sign-ins only then). */
export async function hasDemoData(db: Db): Promise<boolean> {
  const admin = DEMO_SIGN_INS.find((s) => s.role === 'admin');
  if (!admin) return false;
  const found = await db.select({ id: users.id }).from(users).where(eq(users.email, admin.email)).limit(1);
  return found.length > 0;
}

import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { parseEnv } from '../env.ts';
import { createSite } from '../services/create-site.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * R8: an outstanding item raised at a site reaches whoever has a job there — the technician of
 * the site's next job sees it on their phone (through their own pull, so offline too) — and leaves
 * their phone when they no longer have a job there.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let s: Record<'tech1' | 'tech2' | 'office', HttpSession>;
let siteId: string;
let refs: { jobTypeId: string; customerId: string };

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD) });
  const [ref] = await queryRows<{ job_type_id: string; customer_id: string }>(
    testDb.db,
    sql`select job_type_id, customer_id from jobs where id = ${world.jobIds[0]!}`,
  );
  refs = { jobTypeId: ref!.job_type_id, customerId: ref!.customer_id };
  siteId = (
    await writeInOrg(testDb.db, world.orgId, (tx, rec) =>
      createSite(tx, rec, {
        orgId: world.orgId,
        customerId: refs.customerId,
        name: 'Depot',
        address: '1 Yard Lane',
        lat: null,
        lng: null,
        accessNotes: '',
      }),
    )
  ).id;
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

let seq = 0;
async function push(session: HttpSession, name: string, args: Record<string, unknown>): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(session),
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: `site-items-${++seq}-${Date.now()}`,
      mutations: [{ id: 1, name, args, clientTime: '2026-11-21T09:00:00.000Z', baseVersion: 0 }],
    },
  });
  expect(res.json<{ results: unknown[] }>().results).toEqual([{ id: 1, status: 'applied' }]);
}

/** A phone: pulls into its own copy of the outstanding items, like the app's IndexedDB. */
function phone(session: HttpSession) {
  const clientId = `phone-${newId()}`;
  const items = new Map<string, { title: string; siteId: string | null }>();
  let cursor: string | null = null;
  return {
    items,
    async sync() {
      for (;;) {
        const payload: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, clientId, cursor };
        const res = await app.inject({ method: 'POST', url: '/api/sync/pull', headers: authHeaders(session), payload });
        const page = res.json<{
          reset: boolean;
          more: boolean;
          cursor: string;
          changes: { op: string; entity: string; id: string; row?: { title: string; siteId: string | null } }[];
        }>();
        if (page.reset) items.clear();
        for (const c of page.changes.filter((c) => c.entity === 'outstandingItems')) {
          if (c.op === 'put' && c.row) items.set(c.id, c.row);
          else items.delete(c.id);
        }
        cursor = page.cursor;
        if (!page.more) return;
      }
    },
  };
}

const jobAt = (assigneeId: string | null) => ({
  id: newId(),
  ...refs,
  siteId,
  teamId: null,
  assigneeId,
  priority: 'normal',
  scheduledStart: '2026-11-23T08:00:00.000Z',
  scheduledEnd: '2026-11-23T09:00:00.000Z',
  title: 'Depot service',
  notes: '',
  externalRef: null,
});

const item = (patch: Record<string, unknown>) => ({
  id: newId(),
  title: 'Gate latch broken',
  description: '',
  jobId: null,
  siteId: null,
  ownerId: null,
  dueDate: null,
  priority: 'normal',
  ...patch,
});

describe("a site's outstanding items reach whoever has a job there", () => {
  it('reach the technician of the next job at the site, with items raised before and after; and leave with the job', async () => {
    const tech2Phone = phone(s.tech2);
    await tech2Phone.sync();
    // tech1 raises an item on their job at the depot (a failed check).
    const first = jobAt(world.actors.tech1.userId);
    await push(s.office, 'createJob', first);
    const fromCheck = item({ jobId: first.id, title: 'Flue seal perished' });
    await push(s.tech1, 'addOutstandingItem', fromCheck);
    await tech2Phone.sync();
    expect(tech2Phone.items.has(fromCheck.id)).toBe(false);

    // The next job at the depot goes to tech2: the item comes with it.
    const next = jobAt(world.actors.tech2.userId);
    await push(s.office, 'createJob', next);
    await tech2Phone.sync();
    expect(tech2Phone.items.get(fromCheck.id)).toMatchObject({ title: 'Flue seal perished', siteId });

    // An item the office raises at the site afterwards reaches tech2 too; one at another site does not.
    const byOffice = item({ siteId, title: 'Key safe code changed' });
    const elsewhere = item({ title: 'Not at any site' });
    await push(s.office, 'addOutstandingItem', byOffice);
    await push(s.office, 'addOutstandingItem', elsewhere);
    await tech2Phone.sync();
    expect(tech2Phone.items.get(byOffice.id)).toMatchObject({ title: 'Key safe code changed' });
    expect(tech2Phone.items.has(elsewhere.id)).toBe(false);

    // An update to the item reaches them.
    await push(s.office, 'updateOutstandingItem', { id: byOffice.id, title: 'Key safe code is 4711' });
    await tech2Phone.sync();
    expect(tech2Phone.items.get(byOffice.id)).toMatchObject({ title: 'Key safe code is 4711' });

    // The job goes back to the tray: tech2 has no job at the depot any more, the items leave the phone.
    await push(s.office, 'updateJob', {
      jobId: next.id,
      assigneeId: null,
      expectedAssigneeId: world.actors.tech2.userId,
    });
    await tech2Phone.sync();
    expect(tech2Phone.items.has(fromCheck.id)).toBe(false);
    expect(tech2Phone.items.has(byOffice.id)).toBe(false);
    // tech1 still has their job there: they keep seeing both.
    const tech1Phone = phone(s.tech1);
    await tech1Phone.sync();
    expect(tech1Phone.items.has(fromCheck.id)).toBe(true);
    expect(tech1Phone.items.has(byOffice.id)).toBe(true);
  });

  it("an item raised on a job is at the job's site, also when the phone still had the job at the site it moved from", async () => {
    const annex = (
      await writeInOrg(testDb.db, world.orgId, (tx, rec) =>
        createSite(tx, rec, {
          orgId: world.orgId,
          customerId: refs.customerId,
          name: 'Annex',
          address: '2 Yard Lane',
          lat: null,
          lng: null,
          accessNotes: '',
        }),
      )
    ).id;
    const job = jobAt(world.actors.tech1.userId);
    await push(s.office, 'createJob', job);
    // tech1's phone, offline, still has the job at the depot when the office moves it to the annex.
    await push(s.office, 'updateJob', { jobId: job.id, siteId: annex });
    const raised = item({ jobId: job.id, siteId, title: 'Cracked manifold' });
    await push(s.tech1, 'addOutstandingItem', raised);

    // The item is where its job is: tech2, with the annex's next job, has it; it is not the depot's.
    const tech2Phone = phone(s.tech2);
    await push(s.office, 'createJob', { ...jobAt(world.actors.tech2.userId), siteId: annex });
    await tech2Phone.sync();
    expect(tech2Phone.items.get(raised.id)).toMatchObject({ title: 'Cracked manifold', siteId: annex });
    const [stored] = await queryRows<{ site_id: string }>(
      testDb.db,
      sql`select site_id from outstanding_items where id = ${raised.id}`,
    );
    expect(stored?.site_id).toBe(annex);
  });
});

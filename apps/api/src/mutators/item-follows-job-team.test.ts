import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { parseEnv } from '../env.ts';
import { createTeam } from '../services/create-team.ts';
import { createUser } from '../services/create-user.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * R8 with a handoff between teams: an item raised on a job goes with the job to its new team, so
 * the lead now responsible manages it and the old team's lead no longer does (found by an
 * outsider tester: the item stayed with the old team).
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let south: { teamId: string; techId: string };
let s: Record<'tech1' | 'office' | 'northLead' | 'southLead', HttpSession>;

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 4 });
  const made = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
    const person = (role: 'lead' | 'technician') =>
      createUser(tx, rec, {
        orgId: world.orgId,
        teamId: team.id,
        name: `south ${role}`,
        email: `south-${role}-${newId()}@test.lastmile.app`,
        role,
        passwordHash,
      });
    return { teamId: team.id, lead: await person('lead'), tech: await person('technician') };
  });
  south = { teamId: made.teamId, techId: made.tech.id };
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
    northLead: await signInForTest(app, world.emails.lead, PASSWORD),
    southLead: await signInForTest(app, made.lead.email, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

async function push(session: HttpSession, name: string, args: Record<string, unknown>) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(session),
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: `item-team-${newId()}`,
      mutations: [{ id: 1, name, args, clientTime: new Date().toISOString(), baseVersion: 0 }],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: { status: string; code?: string }[] }>().results[0]!;
}

/** The outstanding items a fresh phone of this person receives. */
async function itemsOnPhone(session: HttpSession): Promise<string[]> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  const clientId = `phone-${newId()}`;
  for (;;) {
    const payload: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, clientId, cursor };
    const res = await app.inject({ method: 'POST', url: '/api/sync/pull', headers: authHeaders(session), payload });
    const page = res.json<{ more: boolean; cursor: string; changes: { op: string; entity: string; id: string }[] }>();
    for (const c of page.changes.filter((c) => c.entity === 'outstandingItems')) {
      if (c.op === 'put') ids.add(c.id);
      else ids.delete(c.id);
    }
    cursor = page.cursor;
    if (!page.more) return [...ids];
  }
}

describe('an item raised on a job moved to another team', () => {
  it('moves to the new team: its lead holds and manages it, the old team’s lead neither', async () => {
    const jobId = world.jobIds[1]!; // tech1's, North
    const itemId = newId();
    const raised = await push(s.tech1, 'addOutstandingItem', {
      id: itemId,
      title: 'Cracked flue',
      description: '',
      jobId,
      siteId: null,
      ownerId: null,
      dueDate: null,
      priority: 'high',
    });
    expect(raised.status).toBe('applied');
    expect(await itemsOnPhone(s.northLead)).toContain(itemId);

    const moved = await push(s.office, 'assignJob', {
      jobId,
      expectedAssigneeId: world.actors.tech1.userId,
      assigneeId: south.techId,
      handoffNote: 'South crew is nearer',
    });
    expect(moved.status).toBe('applied');
    const [row] = await queryRows<{ team_id: string }>(
      testDb.db,
      sql`select team_id from outstanding_items where id = ${itemId}`,
    );
    expect(row?.team_id).toBe(south.teamId);
    expect(await itemsOnPhone(s.southLead)).toContain(itemId);
    expect(await itemsOnPhone(s.northLead)).not.toContain(itemId);
    expect(await push(s.northLead, 'updateOutstandingItem', { id: itemId, title: 'Mine still?' })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    expect(await push(s.southLead, 'updateOutstandingItem', { id: itemId, status: 'done' })).toMatchObject({
      status: 'applied',
    });
  });
});

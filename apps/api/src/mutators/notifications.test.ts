import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type NotificationRow } from '@lastmile/domain';
import { SCHEMA_VERSION, type PullResponse } from '@lastmile/sync';
import { queryRows } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { parseEnv } from '../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * The inbox (R7) through the real push and pull routes: who is told about an assignment, a
 * reassignment, a message, a mention and a send back; that only they receive it; that marking
 * read touches only one's own.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let s: Record<'tech1' | 'tech2' | 'lead' | 'office', HttpSession>;
let names: Record<'tech1' | 'tech2' | 'lead' | 'office', string>;

type Result = { id: number; status: 'applied' | 'refused'; code?: string; reason?: string };

async function push(session: HttpSession, name: string, args: unknown): Promise<Result> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(session), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: `note${newId().replaceAll('-', '')}`,
      mutations: [{ id: 1, name, args, clientTime: new Date().toISOString(), baseVersion: 0 }],
    }),
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ results: Result[] }>().results[0]!;
}

/** Every notification row a person's device receives by pulling from scratch. */
async function inbox(session: HttpSession): Promise<NotificationRow[]> {
  const rows = new Map<string, NotificationRow>();
  let cursor: string | null = null;
  for (;;) {
    const res: { statusCode: number; json: <T>() => T } = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: { ...authHeaders(session), 'content-type': 'application/json' },
      payload: JSON.stringify({ schemaVersion: SCHEMA_VERSION, clientId: `pull${newId().slice(0, 8)}`, cursor }),
    });
    expect(res.statusCode).toBe(200);
    const page: PullResponse = res.json<PullResponse>();
    for (const c of page.changes)
      if (c.entity === 'notifications' && c.op === 'put') rows.set(c.id, c.row as NotificationRow);
    cursor = page.cursor;
    if (!page.more) return [...rows.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

const kinds = (rows: NotificationRow[]) => rows.map((r) => [r.kind, r.jobId]);

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 6 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
  };
  const people = await queryRows<{ id: string; name: string }>(
    testDb.db,
    sql`select id, name from users where org_id = ${world.orgId}`,
  );
  const nameOf = (id: string) => people.find((p) => p.id === id)!.name;
  names = {
    tech1: nameOf(world.actors.tech1.userId),
    tech2: nameOf(world.actors.tech2.userId),
    lead: nameOf(world.actors.lead.userId),
    office: nameOf(world.actors.office.userId),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

describe('the inbox', () => {
  it('tells the new assignee and the one it was taken from, with the handoff note, and nobody else', async () => {
    const jobId = world.jobIds[0]!; // unassigned
    expect(
      await push(s.lead, 'assignJob', {
        jobId,
        expectedAssigneeId: null,
        assigneeId: world.actors.tech1.userId,
        handoffNote: '',
      }),
    ).toMatchObject({ status: 'applied' });
    expect(kinds(await inbox(s.tech1))).toEqual([['assigned', jobId]]);
    expect(
      await push(s.lead, 'assignJob', {
        jobId,
        expectedAssigneeId: world.actors.tech1.userId,
        assigneeId: world.actors.tech2.userId,
        handoffNote: 'Key is with the caretaker',
      }),
    ).toMatchObject({ status: 'applied' });
    const tech1 = await inbox(s.tech1);
    expect(kinds(tech1)).toEqual([
      ['assigned', jobId],
      ['reassigned_away', jobId],
    ]);
    expect(tech1[1]).toMatchObject({
      body: 'Key is with the caretaker',
      actorId: world.actors.lead.userId,
      readAt: null,
    });
    expect(kinds(await inbox(s.tech2))).toEqual([['assigned', jobId]]);
    // The lead acted; the lead is told nothing. The office sees every job, but no one's inbox.
    expect(await inbox(s.lead)).toEqual([]);
    expect(await inbox(s.office)).toEqual([]);
  });

  it('tells the assignee about a message on their job, and the people it mentions by @name', async () => {
    const jobId = world.jobIds[1]!; // tech1's
    const body = `@${names.lead.toUpperCase()} and @${names.office}: the flue needs a second look`;
    expect(await push(s.tech1, 'postJobMessage', { id: newId(), jobId, body })).toMatchObject({ status: 'applied' });
    // The author is not told about their own message; the mentioned are.
    expect(kinds(await inbox(s.tech1)).filter(([, j]) => j === jobId)).toEqual([]);
    expect((await inbox(s.lead)).map((n) => [n.kind, n.body])).toEqual([['mentioned', body]]);
    expect(kinds(await inbox(s.office))).toEqual([['mentioned', jobId]]);

    expect(
      await push(s.office, 'postJobMessage', {
        id: newId(),
        jobId,
        body: `@${names.tech1} call the customer\u0000 first`,
      }),
    ).toMatchObject({ status: 'applied' });
    // Mentioned and assignee at once: told once, as mentioned.
    expect(kinds(await inbox(s.tech1)).filter(([, j]) => j === jobId)).toEqual([['mentioned', jobId]]);
  });

  it('tells only the mentioned who can see the job: the notice carries the message', async () => {
    const jobId = world.jobIds[3]!; // tech1's: tech2 (another technician) does not see it
    const before = (await inbox(s.tech2)).length;
    const body = `@${names.tech2} the gate code is 4242`;
    expect(await push(s.tech1, 'postJobMessage', { id: newId(), jobId, body })).toMatchObject({ status: 'applied' });
    expect((await inbox(s.tech2)).length).toBe(before);
    expect((await inbox(s.tech2)).some((n) => n.body.includes('4242'))).toBe(false);
  });

  it('tells someone who cannot see the job when the author picked them from the people search (ADR 0051)', async () => {
    const jobId = world.jobIds[3]!; // tech1's: tech2 does not see it
    const picked = world.actors.tech2.userId;
    const body = `@${names.tech2} you did this boiler last year: which valve?`;
    expect(await push(s.tech1, 'postJobMessage', { id: newId(), jobId, body, mentionIds: [picked] })).toMatchObject({
      status: 'applied',
    });
    expect((await inbox(s.tech2)).filter((n) => n.jobId === jobId).map((n) => [n.kind, n.body])).toEqual([
      ['mentioned', body],
    ]);

    // Picked, then the name was deleted from the text before sending: nobody is told.
    const edited = 'never mind, found it';
    expect(
      await push(s.tech1, 'postJobMessage', { id: newId(), jobId, body: `@ ${edited}`, mentionIds: [picked] }),
    ).toMatchObject({ status: 'applied' });
    expect((await inbox(s.tech2)).some((n) => n.body.includes(edited))).toBe(false);
  });

  it('never tells a picked person of another organization or a deactivated one, even with the same name', async () => {
    const jobId = world.jobIds[3]!;
    const other = await buildWorld(testDb.db, { jobCount: 0 });
    // Another organization's person, named exactly as tech2 here; and a deactivated colleague.
    await testDb.db.execute(sql`update users set name = ${names.tech2} where id = ${other.actors.tech2.userId}`);
    const gone = await queryRows<{ id: string; name: string }>(
      testDb.db,
      sql`update users set active = false where id = ${world.actors.tech2.userId} returning id, name`,
    );
    try {
      const body = `@${names.tech2} the gate code is 5151`;
      expect(
        await push(s.tech1, 'postJobMessage', {
          id: newId(),
          jobId,
          body,
          mentionIds: [other.actors.tech2.userId, gone[0]!.id],
        }),
      ).toMatchObject({ status: 'applied' });
      const told = await queryRows<{ user_id: string }>(
        testDb.db,
        sql`select user_id from notifications where body like '%5151%'`,
      );
      expect(told).toEqual([]);
    } finally {
      await testDb.db.execute(sql`update users set active = true where id = ${world.actors.tech2.userId}`);
    }
  });

  it('shortens a long message between characters, never inside an emoji', async () => {
    const jobId = world.jobIds[5]!; // tech1's
    const body = `${'a'.repeat(498)}😀😀 tail`;
    expect(await push(s.office, 'postJobMessage', { id: newId(), jobId, body })).toMatchObject({ status: 'applied' });
    const notice = (await inbox(s.tech1)).find((n) => n.jobId === jobId && n.body.startsWith('aaa'))!;
    expect(notice.body).toBe(`${'a'.repeat(498)}…`);
    expect(notice.body).not.toContain('\uFFFD');
  });

  it('marks only the person’s own notifications read, offline-first like any change', async () => {
    const [own] = await inbox(s.tech2);
    const [theirs] = await inbox(s.tech1);
    expect(await push(s.tech2, 'markNotificationsRead', { ids: [own!.id, theirs!.id, newId()] })).toMatchObject({
      status: 'applied',
    });
    expect((await inbox(s.tech2))[0]?.readAt).not.toBeNull();
    expect((await inbox(s.tech1))[0]?.readAt).toBeNull();
    // Replaying the same read changes nothing more.
    const before = (await inbox(s.tech2))[0]!.readAt;
    expect(await push(s.tech2, 'markNotificationsRead', { ids: [own!.id] })).toMatchObject({ status: 'applied' });
    expect((await inbox(s.tech2))[0]!.readAt).toBe(before);
    expect(await push(s.tech2, 'markNotificationsRead', { ids: [] })).toMatchObject({
      status: 'refused',
      code: 'validation',
    });
  });

  it('does not notify a deactivated person', async () => {
    await testDb.db.execute(sql`update users set active = false where id = ${world.actors.tech2.userId}`);
    const jobId = world.jobIds[2]!; // tech2's
    expect(await push(s.office, 'postJobMessage', { id: newId(), jobId, body: 'Is this done?' })).toMatchObject({
      status: 'applied',
    });
    const rows = await queryRows<{ n: number }>(
      testDb.db,
      sql`select count(*)::int as n from notifications where user_id = ${world.actors.tech2.userId} and job_id = ${jobId}`,
    );
    expect(rows[0]?.n).toBe(0);
    await testDb.db.execute(sql`update users set active = true where id = ${world.actors.tech2.userId}`);
  });
});

import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { jobs } from '../db/schema/index.ts';
import { parseEnv } from '../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * A job's notes written by several people without seeing each other's text (R6): the office
 * online, the technician and the lead offline. Each phone says which text its edit started from;
 * the server merges instead of letting the last one replace the others (found by an outsider tester).
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let s: Record<'tech1' | 'lead' | 'office', HttpSession>;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 6 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

async function push(session: HttpSession, name: string, args: unknown): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(session), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: `notes${newId().replaceAll('-', '')}`,
      mutations: [{ id: 1, name, args, clientTime: new Date().toISOString(), baseVersion: 0 }],
    }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: { status: string }[] }>().results[0]!.status;
}

async function notesOf(jobId: string): Promise<string> {
  const [row] = await testDb.db.select({ notes: jobs.notes }).from(jobs).where(eq(jobs.id, jobId));
  return row!.notes;
}

describe('job notes written on several devices at once', () => {
  it('keep every person’s lines: the office’s new gate code, the technician’s and the lead’s offline additions', async () => {
    const jobId = world.jobIds[1]!; // tech1's, team North
    const start = 'Gate code 1234\nCall before arriving';
    expect(await push(s.office, 'updateJob', { jobId, notes: start })).toBe('applied');
    // Both phones synced this text, then went offline. The office changes the gate code.
    expect(await push(s.office, 'updateJob', { jobId, notes: 'Gate code 9876\nCall before arriving' })).toBe('applied');
    const tech = `${start}\nBoiler room flooded`;
    expect(await push(s.tech1, 'updateJobNotes', { jobId, notes: tech, baseNotes: start })).toBe('applied');
    const lead = `Ask for Mrs Diaz\n${start}`;
    expect(await push(s.lead, 'updateJobNotes', { jobId, notes: lead, baseNotes: start })).toBe('applied');
    expect(await notesOf(jobId)).toBe('Ask for Mrs Diaz\nGate code 9876\nCall before arriving\nBoiler room flooded');
  });

  it('replace the stored text when the writer had it, and when a client sends no base text (older apps)', async () => {
    const jobId = world.jobIds[3]!;
    expect(await push(s.tech1, 'updateJobNotes', { jobId, notes: 'Ladder needed' })).toBe('applied');
    expect(await push(s.tech1, 'updateJobNotes', { jobId, notes: 'Ladder on van', baseNotes: 'Ladder needed' })).toBe(
      'applied',
    );
    expect(await notesOf(jobId)).toBe('Ladder on van');
    expect(await push(s.lead, 'updateJobNotes', { jobId, notes: 'Two people needed' })).toBe('applied');
    expect(await notesOf(jobId)).toBe('Two people needed');
  });

  it('keep the writer’s text when the merge would pass the notes’ limit', async () => {
    const jobId = world.jobIds[5]!;
    const long = (c: string) => c.repeat(6000);
    expect(await push(s.office, 'updateJob', { jobId, notes: long('a') })).toBe('applied');
    expect(await push(s.tech1, 'updateJobNotes', { jobId, notes: long('b'), baseNotes: '' })).toBe('applied');
    expect(await notesOf(jobId)).toBe(long('b'));
  });
});

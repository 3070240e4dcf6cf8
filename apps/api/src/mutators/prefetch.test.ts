import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, newId, type Actor, type JobRow } from '@lastmile/domain';
import { SCHEMA_VERSION, type Mutation } from '@lastmile/sync';
import { processPush, queryRows, writeInOrg, type PushPrefetch, type ServerMutators } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { createTemplate, publishTemplate } from '../services/form-templates.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { loggedChanges } from '../test/logged-changes.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { prefetchPushRows, pushUnitOfWork, serverMutators } from './index.ts';

/**
 * The rows a push locks up front (prefetch.ts, LockedRows) are read by later mutations of the same
 * batch instead of the database: these check that every writer keeps them current and that a
 * mutation rolled back to its savepoint leaves nothing of itself behind in them.
 */

let testDb: TestDb;
let world: World;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 8 });
});
afterAll(async () => {
  await testDb.cleanup();
});

let clientSeq = 0;
type Step = Pick<Mutation, 'name' | 'args'>;

async function push(
  actor: Actor,
  steps: Step[],
  mutators: ServerMutators = serverMutators,
  prefetch = prefetchPushRows,
) {
  const clientTime = new Date().toISOString();
  const res = await processPush(
    testDb.db,
    actor,
    {
      schemaVersion: SCHEMA_VERSION,
      clientId: `prefetch-${clientSeq++}-${newId()}`,
      mutations: steps.map((s, i) => ({ id: i + 1, ...s, clientTime, baseVersion: 0 })),
    },
    mutators,
    { unitOfWork: { ...pushUnitOfWork, prefetch } },
  );
  return res.results.map((r) => (r.status === 'applied' ? 'applied' : `refused: ${r.reason}`));
}

const jobRow = async (id: string) => (await testDb.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

/** The newest change-log row of this job in the org scope, as replicated. */
async function loggedJob(id: string): Promise<JobRow> {
  const rows = await queryRows<{ row: JobRow }>(
    testDb.db,
    sql`select r.row from ${loggedChanges}
        where c.entity = 'jobs' and c.entity_id = ${id} and c.scope = ${`org:${world.orgId}`} and c.op = 'put'
        order by c.version, c.id`,
  );
  return rows.at(-1)!.row;
}

describe('a push batch that touches the same job several times', () => {
  it('sees each earlier mutation’s write (status, notes, assignee), optimistic run', async () => {
    const { tech1, lead, tech2 } = world.actors;
    const jobId = world.jobIds[1]!; // tech1's
    expect(
      await push(tech1, [
        { name: 'transitionJob', args: { jobId, to: 'in_progress' } },
        { name: 'updateJobNotes', args: { jobId, notes: 'first' } },
        { name: 'transitionJob', args: { jobId, to: 'paused', reason: 'parts' } },
        { name: 'transitionJob', args: { jobId, to: 'in_progress' } },
        { name: 'updateJobNotes', args: { jobId, notes: 'second' } },
      ]),
    ).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(await jobRow(jobId)).toMatchObject({ status: 'in_progress', notes: 'second', statusReason: null });
    expect(await loggedJob(jobId)).toMatchObject({ status: 'in_progress', notes: 'second' });

    // assignJob checks the assignee it reads against the one the lead saw.
    const other = world.jobIds[3]!; // tech1's, scheduled
    expect(
      await push(lead, [
        {
          name: 'assignJob',
          args: { jobId: other, expectedAssigneeId: tech1.userId, assigneeId: tech2.userId, handoffNote: '' },
        },
        {
          name: 'assignJob',
          args: { jobId: other, expectedAssigneeId: tech2.userId, assigneeId: tech1.userId, handoffNote: '' },
        },
        // updateJob (a lead's edit) reads the job through the same rows.
        { name: 'updateJob', args: { jobId: other, expectedAssigneeId: tech1.userId, assigneeId: tech2.userId } },
        { name: 'updateJobNotes', args: { jobId: other, notes: 'after the edits' } },
      ]),
    ).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await jobRow(other)).toMatchObject({ assigneeId: tech2.userId, notes: 'after the edits' });
    expect(await loggedJob(other)).toMatchObject({ assigneeId: tech2.userId, notes: 'after the edits' });
  });

  it('forgets the write of a mutation refused after it wrote (savepoint run)', async () => {
    const { tech1 } = world.actors;
    const jobId = world.jobIds[5]!; // tech1's, scheduled
    // transitionJob that refuses *after* its update when the reason says so: its write is rolled back.
    const refusesLate: ServerMutators = {
      ...serverMutators,
      transitionJob: async (tx, args, ctx) => {
        await serverMutators.transitionJob(tx, args, ctx);
        if (args.reason === 'refuse after writing') throw new AppError(ERROR_CODES.forbidden, 'refused late');
      },
    };
    expect(
      await push(
        tech1,
        [
          { name: 'transitionJob', args: { jobId, to: 'in_progress' } },
          { name: 'transitionJob', args: { jobId, to: 'paused', reason: 'refuse after writing' } },
          // Only legal from `paused`: the job is still in progress, so this must be refused.
          { name: 'transitionJob', args: { jobId, to: 'in_progress' } },
          { name: 'transitionJob', args: { jobId, to: 'paused', reason: 'lunch' } },
        ],
        refusesLate,
      ),
    ).toEqual(['applied', 'refused: refused late', expect.stringContaining('already in progress'), 'applied']);
    expect(await jobRow(jobId)).toMatchObject({ status: 'paused', statusReason: 'lunch' });
  });

  it('locks up front the jobs of job and forms mutations, and only the actor’s organization’s', async () => {
    const { tech1 } = world.actors;
    const elsewhere = await buildWorld(testDb.db, { jobCount: 2 });
    const form = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
      const { orgId, userId } = world.actors.office;
      const definition = {
        sections: [{ key: 's', title: 'S', fields: [{ key: 'make', label: 'Make', type: 'shortText' }] }],
      };
      const template = await createTemplate(tx, { orgId, userId, name: 'Prefetch form', definition });
      return publishTemplate(tx, rec, { orgId, userId, id: template.id });
    });
    // Job 3 was moved to tech2 above; 7 is still tech1's.
    const [a, b, c] = [world.jobIds[1]!, world.jobIds[7]!, world.jobIds[5]!];
    const foreign = elsewhere.jobIds[1]!;
    const responseId = newId();
    expect(
      await push(tech1, [{ name: 'startForm', args: { id: responseId, jobId: c, templateVersionId: form.id } }]),
    ).toEqual(['applied']);

    // What the rows held right after the prefetch of the last attempt (a refusal re-runs the batch).
    let prefetched: Record<string, string | undefined> = {};
    const spy: PushPrefetch = (actor, mutations) => {
      const query = prefetchPushRows(actor, mutations);
      return (
        query && {
          query: query.query,
          take: (found, rows) => {
            query.take(found, rows);
            prefetched = Object.fromEntries([a, b, c, foreign].map((id) => [id, rows.get('jobs', id)?.id]));
          },
        }
      );
    };
    expect(
      await push(
        tech1,
        [
          { name: 'updateJobNotes', args: { jobId: a, notes: 'x' } },
          { name: 'postJobMessage', args: { id: newId(), jobId: b, body: 'hello' } },
          {
            name: 'setAnswer',
            args: { responseId, fieldKey: 'make', value: 'Vaillant', capturedAt: new Date().toISOString() },
          },
          { name: 'updateJobNotes', args: { jobId: foreign, notes: 'not mine' } },
          { name: 'submitForm', args: { responseId: newId() } },
        ],
        serverMutators,
        spy,
      ),
    ).toEqual([
      'applied',
      'applied',
      'applied',
      'refused: This job does not exist.',
      'refused: This form does not exist.',
    ]);
    expect(prefetched).toEqual({ [a]: a, [b]: b, [c]: c, [foreign]: undefined });
    expect((await jobRow(foreign)).notes).not.toBe('not mine');
  });
});

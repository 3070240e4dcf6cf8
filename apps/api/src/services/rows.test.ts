import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { JOB_ROW_JSON_COLUMNS, jobRowFromJson, toJobRow } from './rows.ts';

/**
 * A push's prefetch reads its jobs as JSON in its first statement (mutators/prefetch.ts), while
 * mutators read them through drizzle: both must give the same wire row to the millisecond, or a
 * job's change-log row would depend on which path read it.
 */
let testDb: TestDb;
let world: World;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 3 });
});
afterAll(async () => {
  await testDb.cleanup();
});

it('a job read as JSON is the same wire row as the one drizzle reads, microseconds and nulls included', async () => {
  const [id, other] = [world.jobIds[0]!, world.jobIds[1]!];
  // Microseconds whose milliseconds a float product would round the wrong way (0.579 × 1000 < 579).
  await testDb.db.execute(sql`update jobs set scheduled_start = '2026-12-02 04:45:12.579999+00',
      scheduled_end = '2026-12-02 06:00:00.000001+00', updated_at = '2026-12-01 23:59:59.999999+00',
      status_reason = null, handoff_note = 'Keys under the mat "B"', external_ref = null where id = ${id}`);
  for (const jobId of [id, other]) {
    const [viaDrizzle] = await testDb.db.select().from(jobs).where(eq(jobs.id, jobId));
    const [viaJson] = await queryRows<{ j: Record<string, unknown> }>(
      testDb.db,
      sql`select row_to_json(x) as j from (select ${JOB_ROW_JSON_COLUMNS} from jobs j where j.id = ${jobId}) as x`,
    );
    expect(jobRowFromJson(viaJson!.j)).toEqual(toJobRow(viaDrizzle!));
  }
  expect(
    jobRowFromJson(
      (
        await queryRows<{ j: Record<string, unknown> }>(
          testDb.db,
          sql`select row_to_json(x) as j from (select ${JOB_ROW_JSON_COLUMNS} from jobs j where j.id = ${id}) as x`,
        )
      )[0]!.j,
    ),
  ).toMatchObject({
    scheduledStart: '2026-12-02T04:45:12.579Z',
    handoffNote: 'Keys under the mat "B"',
    statusReason: null,
  });
});

/**
 * The drift dashboard (GET /api/drift's driftReport) over an organization of 100,000 jobs, next
 * to a baseline measured in the same run: `select count(*) from jobs where org_id = …`.
 *
 *   pnpm bench drift                  (PGlite in memory)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench drift
 *
 * On top of the office world (office-world.ts): every done job (completed, submitted, approved)
 * has a submitted five-field form (one field left empty on a third of them), a completion in
 * the audit trail, notes, and a photo on every other one; submitted and approved jobs have a
 * review round, one in five a send back with a field comment. Figures, not assertions.
 */
import { sql } from 'drizzle-orm';
import { driftQuerySchema, newId } from '@lastmile/domain';
import { writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { formTemplates, formTemplateVersions } from '../src/db/schema/index.ts';
import { driftReport } from '../src/services/drift/drift-report.ts';
import { driftScope } from '../src/services/drift/drift-scope.ts';
import { commentedFields, skippedFields } from '../src/services/drift/field-signals.ts';
import { jobsWithoutPhotos, lateForms, notesByJobType } from '../src/services/drift/job-signals.ts';
import { sendBackRates } from '../src/services/drift/send-back.ts';
import { openBenchDb, runBench } from './bench-kit.ts';
import { buildOfficeWorld, type OfficeWorld } from './office-world.ts';

const JOBS = Number(process.env['BENCH_JOBS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const DONE = sql`status in ('completed', 'submitted', 'approved')`;

async function addFormsAndReviews(db: AnyDb, world: OfficeWorld): Promise<void> {
  const { orgId } = world;
  const person = world.techIds[0]!;
  const templateId = newId();
  const versionId = newId();
  const field = (key: string, label: string, type: string) => ({
    key,
    label,
    help: '',
    required: false,
    visibleWhen: null,
    type,
  });
  const definition = {
    sections: [
      {
        key: 'checks',
        title: 'Checks',
        visibleWhen: null,
        fields: [
          field('f1', 'Burner pressure', 'shortText'),
          field('f2', 'Flue gas CO', 'shortText'),
          field('f3', 'Gas rate', 'shortText'),
          field('f4', 'Ventilation', 'shortText'),
          field('f5', 'Remarks', 'shortText'),
        ],
      },
    ],
  };
  await db.insert(formTemplates).values({ id: templateId, orgId, name: 'Bench check', draft: definition });
  await db.insert(formTemplateVersions).values({
    id: versionId,
    templateId,
    orgId,
    version: 1,
    name: 'Bench check',
    definition: definition as never,
    publishedBy: person,
  });
  await db.execute(sql`update jobs set notes = repeat('Boiler serviced, customer asked about radiators. ', (hashtext(id::text) & 15))
    where org_id = ${orgId} and ${DONE}`);
  await db.execute(sql`insert into form_responses (id, org_id, job_id, template_id, template_version_id, status, created_by, submitted_at)
    select gen_random_uuid(), org_id, id, ${templateId}, ${versionId}, 'submitted', coalesce(assignee_id, ${person}), scheduled_start + interval '2 hours'
    from jobs where org_id = ${orgId} and ${DONE}`);
  await db.execute(sql`insert into form_answers (response_id, field_key, org_id, value, answered_by, captured_at)
    select r.id, k, r.org_id, to_jsonb('ok'::text), r.created_by,
      j.scheduled_start + make_interval(mins => 30 + (hashtext(r.id::text) & 511))
    from form_responses r join jobs j on j.id = r.job_id
    cross join unnest(array['f1', 'f2', 'f3', 'f4', 'f5']) k
    where r.org_id = ${orgId} and (k <> 'f4' or (hashtext(r.id::text) & 3) <> 0)`);
  await db.execute(sql`insert into audit_events (org_id, user_id, source, action, entity, entity_id, job_id, client_time, changes)
    select org_id, assignee_id, 'sync', 'transitionJob', 'jobs', id::text, id, scheduled_start + interval '1 hour',
      '[{"field": "status", "before": "in_progress", "after": "completed"}]'::jsonb
    from jobs where org_id = ${orgId} and ${DONE}`);
  await db.execute(sql`insert into attachments (id, org_id, kind, job_id, content_type, size, sha256, width, height, captured_by, captured_at, state)
    select gen_random_uuid(), org_id, 'job', id, 'image/jpeg', 200000, md5(id::text), 2048, 1536, ${person}, scheduled_start, 'available'
    from jobs where org_id = ${orgId} and ${DONE} and (hashtext(id::text) & 1) = 0`);
  await db.execute(sql`insert into review_rounds (id, org_id, job_id, round, stage, decision, reviewer_id, comment, field_comments)
    select gen_random_uuid(), j.org_id, j.id, 1, 'office',
      case when (hashtext(j.id::text) % 5) = 0 then 'sent_back' else 'approved' end, ${person}, '',
      case when (hashtext(j.id::text) % 5) = 0
        then jsonb_build_array(jsonb_build_object('responseId', r.id, 'fieldKey', 'f2', 'entryIndex', null, 'comment', 'Re-measure'))
        else '[]'::jsonb end
    from jobs j join form_responses r on r.job_id = j.id
    where j.org_id = ${orgId} and j.status in ('submitted', 'approved')`);
  await db.execute(sql`analyze`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main(): Promise<void> {
  const testDb = await openBenchDb();
  try {
    const t0 = performance.now();
    const world = await writeInOrg(testDb.db, newId(), async (tx) => {
      const built = await buildOfficeWorld(tx, JOBS);
      await addFormsAndReviews(tx, built);
      return built;
    });
    console.log(
      `\nDrift dashboard — ${JOBS.toLocaleString('en-US')} jobs on ${testDb.kind}, built in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each after one warm-up`,
    );
    const report = (query: Record<string, unknown>) => () =>
      driftReport(testDb.db, world.orgId, driftQuerySchema.parse(query), null, new Date('2031-02-01T00:00:00Z'));
    const all = await report({ from: '2030-01-01T00:00:00Z', to: '2031-02-01T00:00:00Z' })();
    console.log(
      `  whole period: ${all.jobs.toLocaleString('en-US')} jobs, ${all.sendBack.reviewed.toLocaleString('en-US')} reviewed, ${all.sendBack.sentBack.toLocaleString('en-US')} sent back, top skipped field "${all.skippedFields[0]?.fieldLabel ?? '—'}" ${all.skippedFields[0]?.count ?? 0}/${all.skippedFields[0]?.of ?? 0}, ${all.noPhotos.withoutPhoto.toLocaleString('en-US')} done without photo`,
    );
    const cases: [string, () => Promise<unknown>][] = [
      [
        'baseline: select count(*) from jobs where org_id',
        () => testDb.db.execute(sql`select count(*) from jobs where org_id = ${world.orgId}`),
      ],
      [
        'drift, the last 90 days (~23 % of the jobs)',
        report({ from: '2030-11-03T00:00:00Z', to: '2031-02-01T00:00:00Z' }),
      ],
      ['drift, the whole 13 months (every job)', report({ from: '2030-01-01T00:00:00Z', to: '2031-02-01T00:00:00Z' })],
      [
        'drift, 90 days, one team',
        report({ from: '2030-11-03T00:00:00Z', to: '2031-02-01T00:00:00Z', teamId: world.teamIds[1] }),
      ],
      [
        'drift, 90 days, one technician',
        report({ from: '2030-11-03T00:00:00Z', to: '2031-02-01T00:00:00Z', assigneeId: world.techIds[3] }),
      ],
    ];
    // Each signal alone over the 90 days, to see where the time goes.
    const last90 = driftScope(
      world.orgId,
      driftQuerySchema.parse({ from: '2030-11-03T00:00:00Z', to: '2031-02-01T00:00:00Z' }),
      null,
    );
    cases.push(
      ['  90 days: send-back rates (grouping sets)', () => sendBackRates(testDb.db, last90)],
      ['  90 days: fields commented on send back', () => commentedFields(testDb.db, last90)],
      ['  90 days: fields left empty or N/A', () => skippedFields(testDb.db, last90)],
      ['  90 days: notes per job type', () => notesByJobType(testDb.db, last90)],
      ['  90 days: done without a photo', () => jobsWithoutPhotos(testDb.db, last90)],
      ['  90 days: forms written after the job', () => lateForms(testDb.db, last90)],
    );
    console.log(`  ${'query'.padEnd(48)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}`);
    for (const [label, fn] of cases) {
      const r = await measure(fn);
      console.log(
        `  ${label.padEnd(48)} ${`${r.p50.toFixed(1)} ms`.padStart(9)} ${`${r.p95.toFixed(1)} ms`.padStart(9)}`,
      );
    }
  } finally {
    await testDb.cleanup();
  }
}

runBench(main);

import { sql } from 'drizzle-orm';
import {
  DRIFT_EXAMPLES,
  LATE_FORM_MINUTES,
  LONG_NOTES_CHARS,
  type DriftReport,
  type ExampleJob,
} from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import type { DriftScope } from './drift-scope.ts';

/** Work that is done: completed, or further along the review path. */
const DONE = sql`jobs.status in ('completed', 'submitted', 'approved', 'sent_back')`;

/**
 * A photo is a JPEG or WebP: the phone encodes every photo so (attachments/images), while a drawn
 * or typed signature is a PNG. Deleted photos do not count; one still uploading does.
 */
const HAS_PHOTO = sql`exists (select 1 from attachments p where p.job_id = jobs.id and p.state <> 'deleted'
  and p.content_type in ('image/jpeg', 'image/webp'))`;

type ExampleRow = { id: string; number: string; title: string; assignee: string | null; figure: number };
const example = (r: ExampleRow): ExampleJob => ({ ...r, figure: Number(r.figure) });

/** Per job type: how many jobs have technician notes, how long they run, how many are long. */
export async function notesByJobType(db: DbOrTx, scope: DriftScope): Promise<DriftReport['notes']> {
  const rows = await queryRows<{
    id: string;
    name: string;
    jobs: number;
    with_notes: number;
    average: number;
    long: number;
  }>(
    db,
    sql`select jt.id, jt.name, count(*)::int as jobs,
          count(*) filter (where length(trim(jobs.notes)) > 0)::int as with_notes,
          coalesce(avg(length(jobs.notes)) filter (where length(trim(jobs.notes)) > 0), 0)::float as average,
          count(*) filter (where length(jobs.notes) >= ${LONG_NOTES_CHARS})::int as long
        from jobs join job_types jt on jt.id = jobs.job_type_id
        where ${scope.jobsWhere} and ${DONE}
        group by 1, 2
        order by 4 desc, 2`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    jobs: r.jobs,
    withNotes: r.with_notes,
    averageChars: Math.round(Number(r.average)),
    long: r.long,
  }));
}

/** Done jobs without a single photo, and the most recent of them. */
export async function jobsWithoutPhotos(db: DbOrTx, scope: DriftScope): Promise<DriftReport['noPhotos']> {
  const [counts] = await queryRows<{ done: number; without: number }>(
    db,
    sql`select count(*)::int as done, count(*) filter (where not ${HAS_PHOTO})::int as without
        from jobs where ${scope.jobsWhere} and ${DONE}`,
  );
  const examples = await queryRows<ExampleRow>(
    db,
    sql`select jobs.id, jobs.number, jobs.title, u.name as assignee, 0 as figure
        from jobs left join users u on u.id = jobs.assignee_id
        where ${scope.jobsWhere} and ${DONE} and not ${HAS_PHOTO}
        order by jobs.scheduled_start desc, jobs.id
        limit ${DRIFT_EXAMPLES}`,
  );
  return { done: counts?.done ?? 0, withoutPhoto: counts?.without ?? 0, examples: examples.map(example) };
}

/**
 * Submitted forms and how long after the job was completed their last answer was captured (the
 * report written in the truck). Both times are the phone's clock — the completion as the audit
 * trail recorded it (client time), the answer's capture time — so a phone's wrong clock cancels out.
 */
export async function lateForms(db: DbOrTx, scope: DriftScope): Promise<DriftReport['lateForms']> {
  // One statement: the lags once, then the summary and the worst examples from them.
  const [row] = await queryRows<{
    forms: number;
    late: number;
    median: number | null;
    examples: ExampleRow[] | null;
  }>(
    db,
    sql`with lag as materialized (
          select jobs.id, jobs.number, jobs.title, jobs.assignee_id,
            extract(epoch from (max(a.captured_at) - done.at)) / 60 as minutes
          from jobs
          join form_responses resp on resp.job_id = jobs.id and resp.status = 'submitted'
          join form_answers a on a.response_id = resp.id
          join lateral (
            select max(coalesce(e.client_time, e.at)) as at from audit_events e
            where e.job_id = jobs.id and e.action = 'transitionJob'
              and e.changes @> '[{"field": "status", "after": "completed"}]'::jsonb
          ) done on done.at is not null
          where ${scope.jobsWhere}
          group by jobs.id, resp.id, done.at
        )
        select (select count(*)::int from lag) as forms,
          (select count(*)::int from lag where minutes > ${LATE_FORM_MINUTES}) as late,
          (select percentile_cont(0.5) within group (order by minutes)::float from lag) as median,
          (select json_agg(x) from (
            select lag.id, lag.number, lag.title, u.name as assignee, round(lag.minutes)::int as figure
            from lag left join users u on u.id = lag.assignee_id
            where lag.minutes > ${LATE_FORM_MINUTES}
            order by lag.minutes desc, lag.id
            limit ${DRIFT_EXAMPLES}
          ) x) as examples`,
  );
  return {
    forms: row?.forms ?? 0,
    late: row?.late ?? 0,
    medianMinutes: row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median)),
    examples: (row?.examples ?? []).map(example),
  };
}

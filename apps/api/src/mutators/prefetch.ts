import { sql } from 'drizzle-orm';
import type { PushPrefetch } from '@lastmile/sync/server';
import { JOB_ROW_JSON_COLUMNS, jobRowFromJson } from '../services/rows.ts';

/**
 * The jobs a push's mutations refer to: `args.jobId` (job mutations, startForm, outstanding items)
 * and the job of `args.responseId` (the other forms mutations). Args are already validated, so ids
 * are UUIDs.
 */
function referencedIds(mutations: Parameters<PushPrefetch>[1]): { jobIds: string[]; responseIds: string[] } {
  const jobIds = new Set<string>();
  const responseIds = new Set<string>();
  for (const { args } of mutations) {
    const { jobId, responseId } = args as { jobId?: unknown; responseId?: unknown };
    if (typeof jobId === 'string') jobIds.add(jobId);
    if (typeof responseId === 'string') responseIds.add(responseId);
  }
  return { jobIds: [...jobIds], responseIds: [...responseIds] };
}

/** A PostgreSQL array literal of validated UUIDs (one bind parameter, whatever the batch size). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Locks every job the batch refers to, in id order, in the push's first statement (`lockJob` then
 * reads them from `rows` instead of one `select … for update` each): no round trip of its own.
 * (Deadlocks between pushes are ruled out by the organization's write lock, taken before this:
 * write-lock.ts, and the `gate` join that orders these locks after it: locked-rows.ts.) A job the
 * batch creates, or of another organization, is simply not found here and is looked up by its
 * mutator as before.
 *
 * Plan: the ids (the batch's, plus its responses' jobs from an InitPlan) go through `jobs_pkey`.
 * The organization is compared with `is not distinct from` (the same thing: `org_id` is not null)
 * so that it cannot be used as an index condition: with stale statistics, right after a bulk load,
 * the planner otherwise scans the whole organization through `org_id` (measured: 2–5 ms for 20,000
 * jobs instead of 0.3 ms), the trap docs/benchmarks.md describes for the notes fast path.
 */
export const prefetchPushRows: PushPrefetch = (actor, mutations) => {
  const { jobIds, responseIds } = referencedIds(mutations);
  if (jobIds.length === 0 && responseIds.length === 0) return null;
  const wanted =
    responseIds.length === 0
      ? sql`${uuidArray(jobIds)}::uuid[]`
      : sql`${uuidArray(jobIds)}::uuid[] || array(select r.job_id from form_responses r
              where r.org_id = ${actor.orgId} and r.id = any(${uuidArray(responseIds)}::uuid[]))`;
  return {
    query: (gate) =>
      sql`select ${JOB_ROW_JSON_COLUMNS} from jobs j, ${gate}
          where j.id = any(${wanted}) and j.org_id is not distinct from ${actor.orgId}
          order by j.id for update of j`,
    take: (found, rows) => {
      for (const j of found) rows.put('jobs', jobRowFromJson(j));
    },
  };
};

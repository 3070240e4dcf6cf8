import { and, sql } from 'drizzle-orm';
import type { PushPrefetch } from '@lastmile/sync/server';
import { formResponses, jobs } from '../db/schema/index.ts';
import { toJobRow } from '../services/rows.ts';

/**
 * The jobs a push's mutations refer to: `args.jobId` (job mutations, startForm, outstanding items)
 * and the job of `args.responseId` (the other forms mutations). Args are already validated, so ids
 * are UUIDs.
 */
function referencedIds(mutations: Parameters<PushPrefetch>[2]): { jobIds: string[]; responseIds: string[] } {
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
 * Locks every job the batch refers to in one statement, in id order, before its first mutation
 * (`lockJob` then reads them from `rows` instead of one `select … for update` each): one round
 * trip instead of one per mutation. (Deadlocks between pushes are ruled out by the organization's
 * write lock, taken before this: write-lock.ts.) A job the batch creates, or of another
 * organization, is simply not found here and is looked up by its mutator as before.
 *
 * Plan: the ids (the batch's, plus its responses' jobs from an InitPlan) go through `jobs_pkey`.
 * The organization is compared with `is not distinct from` (the same thing: `org_id` is not null)
 * so that it cannot be used as an index condition: with stale statistics, right after a bulk load,
 * the planner otherwise scans the whole organization through `org_id` (measured: 2–5 ms for 20,000
 * jobs instead of 0.3 ms), the trap docs/benchmarks.md describes for the notes fast path.
 */
export const prefetchPushRows: PushPrefetch = async (tx, actor, mutations, rows) => {
  const { jobIds, responseIds } = referencedIds(mutations);
  if (jobIds.length === 0 && responseIds.length === 0) return;
  const wanted =
    responseIds.length === 0
      ? sql`${uuidArray(jobIds)}::uuid[]`
      : sql`${uuidArray(jobIds)}::uuid[] || array(select ${formResponses.jobId} from ${formResponses}
              where ${formResponses.orgId} = ${actor.orgId} and ${formResponses.id} = any(${uuidArray(responseIds)}::uuid[]))`;
  const locked = await tx
    .select()
    .from(jobs)
    .where(and(sql`${jobs.id} = any(${wanted})`, sql`${jobs.orgId} is not distinct from ${actor.orgId}`))
    .orderBy(jobs.id)
    .for('update')
    // Named: one text per shape, parsed and planned once per connection (the ids are one parameter).
    .prepare(responseIds.length === 0 ? 'lm_push_prefetch_jobs' : 'lm_push_prefetch_jobs_of_forms')
    .execute();
  for (const row of locked) rows.put('jobs', toJobRow(row));
};

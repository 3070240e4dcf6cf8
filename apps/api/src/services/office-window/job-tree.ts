import { eq, inArray, sql } from 'drizzle-orm';
import type { EntityName } from '@lastmile/domain';
import { queryRows, type AnyTx, type ChangeRecorder } from '@lastmile/sync/server';
import { jobMessages, jobs } from '../../db/schema/index.ts';
import { moveJobForms } from '../move-job-forms.ts';
import { toJobRow } from '../rows.ts';
import { toJobMessageRow } from '../work-rows.ts';

/**
 * The replicated rows that hang off these jobs, the jobs included: what travels with a job on
 * reassignment (its thread, forms and answers, photos other than items', review rounds). Items
 * follow their site, not one job, and stay. Ids are passed as one parameter.
 */
export async function jobTreeKeys(tx: AnyTx, jobIds: readonly string[]) {
  return queryRows<{ entity: EntityName; id: string }>(
    tx,
    sql`with j(id) as (select unnest(string_to_array(${jobIds.join(',')}, ',')::uuid[]))
        select 'jobs' as entity, id::text as id from j
        union all select 'jobMessages', m.id::text from job_messages m join j on m.job_id = j.id
        union all select 'formResponses', r.id::text from form_responses r join j on r.job_id = j.id
        union all select 'formAnswers', a.response_id::text || ':' || a.field_key from form_answers a
                    join form_responses r on r.id = a.response_id join j on r.job_id = j.id
        union all select 'attachments', p.id::text from attachments p join j on p.job_id = j.id where p.kind <> 'item'
        union all select 'reviewRounds', v.id::text from review_rounds v join j on v.job_id = j.id`,
  );
}

/** Logs these jobs and the rows that hang off them under `scopes` again (a job back in a window). */
export async function putJobTrees(
  tx: AnyTx,
  recorder: ChangeRecorder,
  jobIds: readonly string[],
  scopes: readonly string[],
): Promise<void> {
  for (const job of await tx
    .select()
    .from(jobs)
    .where(inArray(jobs.id, [...jobIds]))) {
    recorder.put('jobs', toJobRow(job), scopes);
    for (const message of await tx.select().from(jobMessages).where(eq(jobMessages.jobId, job.id))) {
      recorder.put('jobMessages', toJobMessageRow(message), scopes);
    }
    await moveJobForms(tx, recorder, job.id, [], scopes);
  }
}

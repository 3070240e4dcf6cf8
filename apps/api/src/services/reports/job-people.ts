import { sql } from 'drizzle-orm';
import type { JobPerson } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';

/**
 * Everyone a job's rows name, with their names: the assignee, the thread's authors, whoever
 * answered its forms or took its photos (the job's and its messages'), its reviewers, and the
 * owners and raisers of items raised on it. Read with one statement over the job's own rows
 * (each table is read by its job index), in the job's organization only.
 */
export async function jobPeople(db: DbOrTx, orgId: string, jobId: string): Promise<JobPerson[]> {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`
    with named(id) as (
      select assignee_id from jobs where id = ${jobId} and org_id = ${orgId}
      union select author_id from job_messages where job_id = ${jobId} and org_id = ${orgId}
      union select a.answered_by from form_answers a
        join form_responses r on r.id = a.response_id
        where r.job_id = ${jobId} and r.org_id = ${orgId}
      union select captured_by from attachments where job_id = ${jobId} and org_id = ${orgId}
      union select reviewer_id from review_rounds where job_id = ${jobId} and org_id = ${orgId}
      union select owner_id from outstanding_items where job_id = ${jobId} and org_id = ${orgId}
      union select created_by from outstanding_items where job_id = ${jobId} and org_id = ${orgId}
    )
    select u.id, u.name from users u join named n on n.id = u.id
    where u.org_id = ${orgId}
    order by u.name, u.id`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

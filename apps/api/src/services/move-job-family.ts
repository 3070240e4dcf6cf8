import { eq } from 'drizzle-orm';
import { workScopes, type JobRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { jobMessages } from '../db/schema/index.ts';
import { moveJobForms } from './move-job-forms.ts';
import { moveJobItems } from './move-job-items.ts';
import { moveSiteItems } from './site-items.ts';
import { toJobMessageRow } from './work-rows.ts';

/** The scopes below the organization's that hold a job and its family: its team's and its assignee's. */
export function jobWorkScopes(job: Pick<JobRow, 'orgId' | 'teamId' | 'assigneeId'>): string[] {
  return workScopes({ orgId: job.orgId, teamId: job.teamId, userIds: [job.assigneeId] });
}

/**
 * Logs a job just updated in `tx` (its row before and after), and when its team or assignee
 * changed, moves its family with it: the thread, forms, answers, photos and review rounds, the
 * items raised on it (to its new team), and its site, customer and the site's open items. Devices that gain the job receive all of it;
 * devices that lose it delete all of it. Every path that changes a job's team or assignee comes
 * here, so none of them leaves a part of the job in scopes where nobody works on it.
 */
export async function moveJobFamily(tx: AnyTx, recorder: ChangeRecorder, before: JobRow, after: JobRow): Promise<void> {
  await moveSiteItems(tx, recorder, before, after);
  const to = jobWorkScopes(after);
  if (after.teamId === before.teamId && after.assigneeId === before.assigneeId) {
    recorder.put('jobs', after, to);
    return;
  }
  const from = jobWorkScopes(before);
  recorder.move('jobs', after, from, to);
  for (const message of await tx.select().from(jobMessages).where(eq(jobMessages.jobId, after.id))) {
    recorder.move('jobMessages', toJobMessageRow(message), from, to);
  }
  await moveJobForms(tx, recorder, after.id, from, to);
  await moveJobItems(tx, recorder, before, after);
}

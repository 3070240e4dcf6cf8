import { newId, workScopes, type JobRow, type JobStatus, type Priority } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { recordAssignment } from './job-assignments.ts';
import { moveSiteItems } from './site-items.ts';
import { resolveAssignment } from './assignment-rules.ts';
import { checkJobReferences } from './job-references.ts';
import { jobSearchText } from './job-search-text.ts';
import { nextJobNumber } from './next-job-number.ts';
import { toJobRow } from './rows.ts';

export type CreateJobInput = {
  id?: string;
  orgId: string;
  jobTypeId: string;
  customerId: string;
  siteId: string;
  teamId: string | null;
  assigneeId: string | null;
  priority: Priority;
  scheduledStart: Date;
  scheduledEnd: Date;
  title: string;
  notes: string;
  externalRef: string | null;
  /** New jobs are scheduled; imports and the demo seed may create jobs further along. */
  status?: JobStatus;
  statusReason?: string | null;
  /** The person creating the job; null for system imports. */
  createdBy: string | null;
  /** Set when a lead creates the job: it stays within their team (assignment-rules.ts). */
  leadTeamId?: string | null;
  now?: Date;
};

export async function createJob(tx: AnyTx, recorder: ChangeRecorder, input: CreateJobInput): Promise<JobRow> {
  const { assigneeId, teamId } = await resolveAssignment(tx, {
    orgId: input.orgId,
    assigneeId: input.assigneeId,
    teamId: input.teamId,
    ...(input.leadTeamId !== undefined ? { leadTeamId: input.leadTeamId } : {}),
  });
  const { customerName, siteAddress } = await checkJobReferences(tx, { ...input, assigneeId, teamId });
  const now = input.now ?? new Date();
  const number = await nextJobNumber(tx, input.orgId);
  const [inserted] = await tx
    .insert(jobs)
    .values({
      id: input.id ?? newId(),
      orgId: input.orgId,
      number,
      jobTypeId: input.jobTypeId,
      customerId: input.customerId,
      siteId: input.siteId,
      teamId,
      assigneeId,
      status: input.status ?? 'scheduled',
      priority: input.priority,
      scheduledStart: input.scheduledStart,
      scheduledEnd: input.scheduledEnd,
      title: input.title,
      notes: input.notes,
      statusReason: input.statusReason ?? null,
      externalRef: input.externalRef,
      createdAt: now,
      updatedAt: now,
      updatedBy: input.createdBy,
      searchText: jobSearchText({
        number,
        title: input.title,
        externalRef: input.externalRef,
        customerName,
        siteAddress,
      }),
    })
    .returning();
  if (!inserted) throw new Error('insert into jobs returned no row');
  const row = toJobRow(inserted);
  recorder.put('jobs', row, workScopes({ orgId: row.orgId, teamId: row.teamId, userIds: [row.assigneeId] }));
  recordAssignment(recorder, row, null, row.assigneeId);
  await moveSiteItems(tx, recorder, null, row);
  return row;
}

import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, newId, workScopes, type JobRow, type JobStatus, type Priority } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { customers, jobTypes, jobs, sites, teams, users } from '../db/schema/index.ts';
import { nextJobNumber } from './next-job-number.ts';
import { assertInOrg, invalidReference } from './references.ts';
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
  now?: Date;
};

export async function createJob(tx: AnyTx, recorder: ChangeRecorder, input: CreateJobInput): Promise<JobRow> {
  await checkJobReferences(tx, input);
  const now = input.now ?? new Date();
  const [inserted] = await tx
    .insert(jobs)
    .values({
      id: input.id ?? newId(),
      orgId: input.orgId,
      number: await nextJobNumber(tx, input.orgId),
      jobTypeId: input.jobTypeId,
      customerId: input.customerId,
      siteId: input.siteId,
      teamId: input.teamId,
      assigneeId: input.assigneeId,
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
    })
    .returning();
  if (!inserted) throw new Error('insert into jobs returned no row');
  const row = toJobRow(inserted);
  recorder.put('jobs', row, workScopes({ orgId: row.orgId, teamId: row.teamId, userIds: [row.assigneeId] }));
  return row;
}

async function checkJobReferences(tx: AnyTx, input: CreateJobInput): Promise<void> {
  const { orgId } = input;
  if (input.scheduledEnd.getTime() <= input.scheduledStart.getTime()) {
    throw invalidReference('scheduledEnd', 'The scheduled end must be after the start.');
  }
  await assertInOrg(tx, jobTypes, { id: input.jobTypeId, orgId, field: 'jobTypeId', what: 'job type' });
  await assertInOrg(tx, customers, { id: input.customerId, orgId, field: 'customerId', what: 'customer' });
  const [site] = await tx
    .select({ customerId: sites.customerId })
    .from(sites)
    .where(and(eq(sites.id, input.siteId), eq(sites.orgId, orgId)))
    .limit(1);
  if (!site) throw invalidReference('siteId', 'Unknown site.');
  if (site.customerId !== input.customerId)
    throw invalidReference('siteId', 'The site does not belong to this customer.');
  if (input.teamId) await assertInOrg(tx, teams, { id: input.teamId, orgId, field: 'teamId', what: 'team' });
  if (input.assigneeId) {
    const [assignee] = await tx
      .select({ active: users.active })
      .from(users)
      .where(and(eq(users.id, input.assigneeId), eq(users.orgId, orgId)))
      .limit(1);
    if (!assignee) throw invalidReference('assigneeId', 'Unknown assignee.');
    if (!assignee.active) throw invalidReference('assigneeId', 'The assignee is no longer active.');
  }
  if (input.externalRef) {
    const taken = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), eq(jobs.externalRef, input.externalRef)))
      .limit(1);
    if (taken.length > 0) {
      throw new AppError(ERROR_CODES.conflict, `A job with external reference ${input.externalRef} already exists.`, [
        { path: 'externalRef', message: 'is already in use' },
      ]);
    }
  }
}

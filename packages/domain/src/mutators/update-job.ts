import { z } from 'zod';
import { storableDateTime } from '../storable-date.ts';
import { prioritySchema, type JobRow } from '../entities.ts';
import { AppError, ERROR_CODES } from '../errors.ts';
import { idSchema } from '../ids.ts';
import type { MutatorContext, MutatorTx } from './tx.ts';

const text = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` });
const isoDateTime = storableDateTime();

/**
 * The office (or a lead, in their team) edits a job. Only the fields sent change, so two people
 * editing different fields of one job both keep their edit. Changing the assignee names who the
 * person saw assigned, like assignJob: if that changed meanwhile, the edit is refused.
 */
export const jobPatchSchema = z.object({
  jobTypeId: idSchema.optional(),
  customerId: idSchema.optional(),
  siteId: idSchema.optional(),
  assigneeId: idSchema.nullable().optional(),
  expectedAssigneeId: idSchema.nullable().optional(),
  /** Only for an unassigned job: an assigned job's team follows its assignee. */
  teamId: idSchema.nullable().optional(),
  priority: prioritySchema.optional(),
  scheduledStart: isoDateTime.optional(),
  scheduledEnd: isoDateTime.optional(),
  title: text(200).min(1, { message: 'is required' }).optional(),
  notes: text(10_000).optional(),
  externalRef: text(200).nullable().optional(),
});

/** Who the person saw assigned must come with a change of assignee (see above). */
const namesExpectedAssignee: [
  (a: { assigneeId?: string | null | undefined; expectedAssigneeId?: string | null | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (a) => a.assigneeId === undefined || a.expectedAssigneeId !== undefined,
  { message: 'is required when the assignee changes', path: ['expectedAssigneeId'] },
];

export const updateJobArgs = z.object({ jobId: idSchema, ...jobPatchSchema.shape }).refine(...namesExpectedAssignee);

/** The same edit addressed by the job's URL (PATCH /api/v1/jobs/:id). */
export const apiJobUpdateSchema = jobPatchSchema.strict().refine(...namesExpectedAssignee);
export type ApiJobUpdate = z.infer<typeof apiJobUpdateSchema>;
export type UpdateJobArgs = z.infer<typeof updateJobArgs>;

export function updateJobRefusal(role: MutatorContext['actor']['role']): AppError | null {
  if (role === 'technician') return new AppError(ERROR_CODES.forbidden, 'Technicians cannot edit job details.');
  return null;
}

/** What may still change of an approved job: words that do not alter what was approved. */
const AFTER_APPROVAL: ReadonlySet<string> = new Set(['jobId', 'expectedAssigneeId', 'notes', 'externalRef', 'title']);

/** Whether the edit would give `key` another value than the job has (the schedule compared as instants). */
function changesField(job: JobRow, key: string, value: unknown): boolean {
  if (key === 'scheduledStart' || key === 'scheduledEnd') return Date.parse(String(value)) !== Date.parse(job[key]);
  return value !== job[key as keyof JobRow];
}

/**
 * An approved job is closed: its customer, site, type, schedule, priority, team and assignee are
 * what was approved, and what the customer's report and a billing system already hold. Changing
 * them afterwards made the report say "approved by …" over another customer (found by an outsider
 * integrator: a job moved to another customer after approval, with no event). Its title, notes
 * and external reference may still be corrected. To change more, send it back first.
 * A field sent with the value it already has changes nothing, so it is no reason to refuse: an
 * editor that sends the whole job to correct its title must not be refused (found by an outsider
 * tester: an approved job PATCHed with its own customer was refused).
 */
export function approvedJobEditRefusal(job: JobRow, args: UpdateJobArgs): AppError | null {
  if (job.status !== 'approved') return null;
  const fields = Object.entries(args)
    .filter(([key, value]) => value !== undefined && !AFTER_APPROVAL.has(key) && changesField(job, key, value))
    .map(([key]) => key);
  if (fields.length === 0) return null;
  return new AppError(
    ERROR_CODES.conflict,
    `Job ${job.number} is approved: its ${fields.join(', ')} no longer change${fields.length === 1 ? 's' : ''}. Only the title, notes and external reference can be corrected.`,
    fields.map((path) => ({ path, message: 'cannot change after approval' })),
    { key: 'job.approvedClosed', params: { job: job.number } },
  );
}

/** The job's fields after the edit (only the defined ones change), without side effects. */
export function applyJobPatch<J extends Record<string, unknown>>(job: J, args: UpdateJobArgs): J {
  const { jobId: _jobId, expectedAssigneeId: _expected, ...patch } = args;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return { ...job, ...defined };
}

export async function optimisticUpdateJob(
  tx: MutatorTx,
  args: UpdateJobArgs,
  { actor, now }: MutatorContext,
): Promise<void> {
  const refusal = updateJobRefusal(actor.role);
  if (refusal) throw refusal;
  const job = await tx.get('jobs', args.jobId);
  if (!job) throw new AppError(ERROR_CODES.notFound, 'This job is not on this device.');
  const closed = approvedJobEditRefusal(job, args);
  if (closed) throw closed;
  const next = applyJobPatch(job, args);
  if (next.assigneeId && (args.assigneeId !== undefined || args.teamId !== undefined)) {
    const assignee = await tx.get('users', next.assigneeId);
    if (assignee) next.teamId = teamOfAssignee(args.teamId, assignee);
  }
  if (Date.parse(next.scheduledEnd) <= Date.parse(next.scheduledStart)) {
    throw new AppError(ERROR_CODES.validation, 'The scheduled end must be after the start.', [
      { path: 'scheduledEnd', message: 'must be after the start' },
    ]);
  }
  await tx.put('jobs', { ...next, updatedAt: now, updatedBy: actor.userId });
}

/**
 * An assigned job belongs to its assignee's team (the server's rule, apps/api/src/services/
 * assignment-rules.ts): another team asked for alongside is refused on the phone too, at once,
 * rather than accepted here and refused at the next sync.
 */
export function teamOfAssignee(
  requestedTeamId: string | null | undefined,
  assignee: { name: string; teamId: string | null },
): string | null {
  if (requestedTeamId && requestedTeamId !== assignee.teamId) {
    const message = `An assigned job belongs to its assignee's team: choose ${assignee.name}'s team, or another person.`;
    throw new AppError(ERROR_CODES.validation, message, [{ path: 'teamId', message }]);
  }
  return assignee.teamId;
}

import { AppError, ERROR_CODES } from '../errors.ts';
import { checkTransition, isOpenStatus } from '../job-status.ts';
import type { JobRow } from '../entities.ts';
import { optimisticAttachmentMutators } from '../attachments/optimistic-attachments.ts';
import { optimisticFormMutators } from '../forms/optimistic-forms.ts';
import { optimisticReviewJob } from '../review/optimistic-review.ts';
import type { MutatorArgs, MutatorName } from './contract.ts';
import type { MutatorContext, MutatorTx } from './tx.ts';
import { optimisticUpdateJob, teamOfAssignee } from './update-job.ts';

type Optimistic<N extends MutatorName> = (tx: MutatorTx, args: MutatorArgs<N>, ctx: MutatorContext) => Promise<void>;
export type OptimisticMutators = { [N in MutatorName]: Optimistic<N> };

/** The rules of reassignment both sides check before looking at teams and people. */
export function assignmentRefusal(
  role: MutatorContext['actor']['role'],
  job: JobRow,
  handoffNote: string,
): AppError | null {
  if (role === 'technician') return new AppError(ERROR_CODES.forbidden, 'Technicians cannot assign jobs.');
  if (!isOpenStatus(job.status)) return new AppError(ERROR_CODES.conflict, 'Only open jobs can be reassigned.');
  if (job.assigneeId && job.status !== 'scheduled' && !handoffNote.trim()) {
    return new AppError(
      ERROR_CODES.validation,
      'Reassigning a started job needs a handoff note: what is done, what is left, where the key is.',
      [{ path: 'handoffNote', message: 'is required' }],
    );
  }
  return null;
}

async function requireJob(tx: MutatorTx, jobId: string): Promise<JobRow> {
  const job = await tx.get('jobs', jobId);
  if (!job) throw new AppError(ERROR_CODES.notFound, 'This job is not on this device.');
  return job;
}

/**
 * The client's optimistic side of each mutation: the same rules the server applies, run against
 * the local database so the result shows at once. The server re-checks everything; where the
 * two disagree the server wins and the client rebases.
 */
export const optimisticMutators: OptimisticMutators = {
  async transitionJob(tx, { jobId, to, reason }, { actor, now }) {
    const job = await requireJob(tx, jobId);
    const check = checkTransition(job.status, to, actor.role, reason);
    if (!check.ok) throw new AppError(ERROR_CODES.illegalTransition, check.reason, undefined, check.detail);
    await tx.put('jobs', { ...job, status: to, statusReason: reason ?? null, updatedAt: now, updatedBy: actor.userId });
  },

  async assignJob(tx, { jobId, assigneeId, handoffNote }, { actor, now }) {
    const job = await requireJob(tx, jobId);
    const refusal = assignmentRefusal(actor.role, job, handoffNote);
    if (refusal) throw refusal;
    let teamId = job.teamId;
    if (assigneeId) {
      const assignee = await tx.get('users', assigneeId);
      if (assignee) teamId = assignee.teamId;
    }
    await tx.put('jobs', {
      ...job,
      assigneeId,
      teamId,
      handoffNote: handoffNote.trim() || null,
      updatedAt: now,
      updatedBy: actor.userId,
    });
  },

  async updateJobNotes(tx, { jobId, notes }, { actor, now }) {
    const job = await requireJob(tx, jobId);
    await tx.put('jobs', { ...job, notes, updatedAt: now, updatedBy: actor.userId });
  },

  async createJob(tx, args, { actor, now }) {
    if (actor.role === 'technician') throw new AppError(ERROR_CODES.forbidden, 'Technicians cannot create jobs.');
    const assignee = args.assigneeId ? await tx.get('users', args.assigneeId) : undefined;
    await tx.put('jobs', {
      ...args,
      teamId: assignee ? teamOfAssignee(args.teamId, assignee) : args.teamId,
      orgId: actor.orgId,
      number: 'new',
      status: 'scheduled',
      statusReason: null,
      handoffNote: null,
      updatedAt: now,
      updatedBy: actor.userId,
    });
  },

  updateJob: optimisticUpdateJob,

  async addOutstandingItem(tx, args, { actor, now }) {
    const job = args.jobId ? await tx.get('jobs', args.jobId) : undefined;
    await tx.put('outstandingItems', {
      ...args,
      // On a job, at the job's site, as the server puts it (apps/api/src/mutators/outstanding-items.ts).
      siteId: job?.siteId ?? args.siteId ?? null,
      teamId: job?.teamId ?? actor.teamId,
      orgId: actor.orgId,
      status: 'open',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
  },

  async updateOutstandingItem(tx, { id, ...patch }, { now }) {
    const item = await tx.get('outstandingItems', id);
    if (!item) throw new AppError(ERROR_CODES.notFound, 'This item is not on this device.');
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const job = patch.jobId ? await requireJob(tx, patch.jobId) : undefined;
    const moved = job ? { siteId: job.siteId, teamId: job.teamId } : {};
    await tx.put('outstandingItems', { ...item, ...defined, ...moved, updatedAt: now });
  },

  async postJobMessage(tx, { id, jobId, body }, { actor, now }) {
    await requireJob(tx, jobId);
    await tx.put('jobMessages', {
      id,
      jobId,
      body,
      orgId: actor.orgId,
      authorId: actor.userId,
      kind: 'message',
      createdAt: now,
    });
  },

  reviewJob: optimisticReviewJob,

  // Read at once on this phone (offline too); someone else's notification is not on it at all.
  async markNotificationsRead(tx, { ids }, { actor, now }) {
    for (const id of ids) {
      const row = await tx.get('notifications', id);
      if (row && row.userId === actor.userId && row.readAt === null)
        await tx.put('notifications', { ...row, readAt: now });
    }
  },

  ...optimisticFormMutators,
  ...optimisticAttachmentMutators,
};

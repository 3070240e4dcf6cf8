import type { FormResponseRow, JobRow, OutstandingItemRow } from '@lastmile/domain';
import type { AnyTx, PublishEvent, ServerMutatorContext } from '@lastmile/sync/server';
import { itemEvents, jobEvents } from './job-events.ts';

type Who = { orgId: string; userId: string };

/**
 * Publishes the webhook events of a job's change (created, assigned, started, completed,
 * submitted, approved, sent back) in the change's transaction. Call it next to noteJobChanges:
 * every path that changes a job's status or assignee does.
 */
export async function publishJobEvents(
  tx: AnyTx,
  publish: PublishEvent | undefined,
  actor: Who,
  before: JobRow | null,
  after: JobRow,
): Promise<void> {
  if (!publish) return;
  for (const type of jobEvents(before, after)) {
    const data =
      type === 'job.assigned' ? { job: after, previousAssigneeId: before?.assigneeId ?? null } : { job: after };
    await publish(tx, actor.orgId, { type, data: { ...data, actorId: actor.userId } });
  }
}

export async function publishItemEvents(
  tx: AnyTx,
  ctx: ServerMutatorContext,
  before: OutstandingItemRow | null,
  after: OutstandingItemRow,
): Promise<void> {
  if (!ctx.publish) return;
  for (const type of itemEvents(before, after))
    await ctx.publish(tx, ctx.actor.orgId, { type, data: { item: after, actorId: ctx.actor.userId } });
}

export async function publishFormSubmitted(tx: AnyTx, ctx: ServerMutatorContext, form: FormResponseRow): Promise<void> {
  await ctx.publish?.(tx, ctx.actor.orgId, { type: 'form.submitted', data: { form, actorId: ctx.actor.userId } });
}

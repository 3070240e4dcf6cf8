import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type OutstandingItemRow } from '@lastmile/domain';
import type { AnyTx, ServerMutator, ServerMutatorContext } from '@lastmile/sync/server';
import { outstandingItems, sites, users } from '../db/schema/index.ts';
import { moveItemAttachments } from '../services/move-attachments.ts';
import { itemScopes } from '../services/site-items.ts';
import { toOutstandingItemRow } from '../services/work-rows.ts';
import { assertCanWorkOn, lockJob } from './job-access.ts';
import { publishItemEvents } from '../services/webhooks/publish-events.ts';

async function assertOwner(tx: AnyTx, orgId: string, ownerId: string | null): Promise<void> {
  if (!ownerId) return;
  const [owner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerId), eq(users.orgId, orgId), eq(users.active, true)));
  if (!owner)
    throw new AppError(ERROR_CODES.validation, 'The owner is not an active member of this organization.', [
      { path: 'ownerId', message: 'unknown person' },
    ]);
}

export const addOutstandingItem: ServerMutator<'addOutstandingItem'> = async (tx, args, ctx) => {
  const { actor } = ctx;
  let siteId = args.siteId;
  let teamId = actor.teamId;
  if (args.jobId) {
    const job = await lockJob(tx, ctx, args.jobId);
    await assertCanWorkOn(tx, ctx, job);
    // An item raised on a job is at the job's site, as one moved onto a job is: the site a phone
    // sends is the one it last saw, stale when the office moved the job meanwhile, and an item
    // left there would miss the people who now go to the job's site.
    siteId = job.siteId;
    teamId = job.teamId;
  }
  if (siteId) {
    const [site] = await tx
      .select({ id: sites.id })
      .from(sites)
      .where(and(eq(sites.id, siteId), eq(sites.orgId, actor.orgId)));
    if (!site)
      throw new AppError(ERROR_CODES.validation, 'Unknown site.', [{ path: 'siteId', message: 'unknown site' }]);
  }
  await assertOwner(tx, actor.orgId, args.ownerId);
  const now = new Date();
  const [item] = await tx
    .insert(outstandingItems)
    .values({
      ...args,
      siteId,
      teamId,
      orgId: actor.orgId,
      status: 'open',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (item) {
    const row = toOutstandingItemRow(item);
    ctx.recorder.put('outstandingItems', row, await itemScopes(tx, row));
    await publishItemEvents(tx, ctx, null, row);
  }
};

/** The item's owner or raiser, the lead of its team, the office. */
export function canEditItem(ctx: ServerMutatorContext, item: OutstandingItemRow): boolean {
  const { actor } = ctx;
  if (actor.role === 'office' || actor.role === 'admin') return true;
  if (actor.role === 'lead' && item.teamId === actor.teamId) return true;
  return item.ownerId === actor.userId || item.createdBy === actor.userId;
}

export const updateOutstandingItem: ServerMutator<'updateOutstandingItem'> = async (tx, { id, ...patch }, ctx) => {
  const [row] = await tx
    .select()
    .from(outstandingItems)
    .where(and(eq(outstandingItems.id, id), eq(outstandingItems.orgId, ctx.actor.orgId)))
    .for('update');
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This outstanding item does not exist.');
  const before = toOutstandingItemRow(row);
  if (before.jobId && ctx.audit?.jobId === null) ctx.audit.onJob(before.jobId);
  const beforeScopes = await itemScopes(tx, before);
  if (!canEditItem(ctx, before))
    throw new AppError(ERROR_CODES.forbidden, 'You can only change items you own or raised, or your team’s as a lead.');
  if (patch.ownerId !== undefined) await assertOwner(tx, ctx.actor.orgId, patch.ownerId);
  let moved = {};
  if (patch.jobId !== undefined) {
    // Moving an item onto a job (its follow-up) needs the right to work on that job too.
    const job = await lockJob(tx, ctx, patch.jobId);
    await assertCanWorkOn(tx, ctx, job);
    moved = { siteId: job.siteId, teamId: job.teamId };
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const [updated] = await tx
    .update(outstandingItems)
    .set({ ...defined, ...moved, updatedAt: new Date() })
    .where(eq(outstandingItems.id, id))
    .returning();
  if (!updated) return;
  const after = toOutstandingItemRow(updated);
  ctx.audit?.changed('status', before.status, after.status);
  const afterScopes = await itemScopes(tx, after);
  ctx.recorder.move('outstandingItems', after, beforeScopes, afterScopes);
  await moveItemAttachments(tx, ctx.recorder, [id], beforeScopes, afterScopes);
  await publishItemEvents(tx, ctx, before, after);
};

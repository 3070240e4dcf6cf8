import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { AppError, ERROR_CODES, scope, type Actor, type FormVersionRow, type JobRow } from '@lastmile/domain';
import { syncChanges, type AnyTx, type ServerMutatorContext } from '@lastmile/sync/server';
import { formResponseAliases, formResponses, formTemplateVersions } from '../db/schema/index.ts';
import { toFormVersionRow } from '../services/form-rows.ts';

/**
 * Locks a response of the actor's organization for this transaction; another organization's is
 * "not found". `id` may be an alias: the id under which a second person started the same job's
 * form offline (mutators/forms.ts `startForm`); the response it joined is returned.
 */
export async function lockResponse(tx: AnyTx, actor: Actor, id: string) {
  const aliased = tx
    .select({ id: formResponseAliases.responseId })
    .from(formResponseAliases)
    .where(and(eq(formResponseAliases.aliasId, id), eq(formResponseAliases.orgId, actor.orgId)));
  const [row] = await tx
    .select()
    .from(formResponses)
    .where(and(or(eq(formResponses.id, id), inArray(formResponses.id, aliased)), eq(formResponses.orgId, actor.orgId)))
    .for('update');
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This form does not exist.');
  return row;
}

export async function findVersion(tx: AnyTx, orgId: string, id: string): Promise<FormVersionRow> {
  const [row] = await tx
    .select()
    .from(formTemplateVersions)
    .where(and(eq(formTemplateVersions.id, id), eq(formTemplateVersions.orgId, orgId)));
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This form version does not exist.');
  return toFormVersionRow(row);
}

/** May this person change the job's forms in ways only a lead/office may (reopen, resolve conflicts)? */
export function assertCanReview(actor: Actor, job: JobRow, what: string): void {
  if (actor.role === 'office' || actor.role === 'admin') return;
  if (actor.role === 'lead' && job.teamId !== null && job.teamId === actor.teamId) return;
  throw new AppError(ERROR_CODES.forbidden, `Only the team's lead or the office can ${what}.`);
}

/**
 * The org version at which this row was last written (the change log keeps the newest entry of
 * every row under the org scope). A person whose base version is older had not seen it. A row
 * an earlier push of the same transaction wrote (pushes queued behind a busy organization run as
 * one, ADR 0044) is newer than anything served to this push's client: run alone, that push would
 * have committed first, under a newer version.
 */
export async function loggedVersion(
  tx: AnyTx,
  ctx: ServerMutatorContext,
  entity: 'formAnswers' | 'formResponses' | 'reviewRounds',
  id: string,
): Promise<number> {
  if (ctx.changedByEarlierPush?.(entity, id)) return Number.POSITIVE_INFINITY;
  const orgId = ctx.actor.orgId;
  const [latest] = await tx
    .select({ version: syncChanges.version })
    .from(syncChanges)
    .where(
      and(
        eq(syncChanges.orgId, orgId),
        eq(syncChanges.scope, scope.org(orgId)),
        eq(syncChanges.entity, entity),
        eq(syncChanges.entityId, id),
      ),
    )
    .orderBy(desc(syncChanges.version), desc(sql`${syncChanges.id}`))
    .limit(1);
  return latest?.version ?? 0;
}

/** The org version at which this answer was last written (`loggedVersion`). */
export function answerVersion(tx: AnyTx, ctx: ServerMutatorContext, answerId: string): Promise<number> {
  return loggedVersion(tx, ctx, 'formAnswers', answerId);
}

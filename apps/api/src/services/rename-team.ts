import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, scope, type AuditChange, type TeamRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { teams } from '../db/schema/index.ts';
import { toTeamRow } from './rows.ts';

/** Renames a team; returns it and the name change, for the audit trail (the old name is nowhere else). */
export async function renameTeam(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: { orgId: string; id: string; name: string },
): Promise<{ row: TeamRow; changes: AuditChange[] }> {
  const [before] = await tx
    .select({ name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, input.id), eq(teams.orgId, input.orgId)))
    .for('update');
  if (!before) throw new AppError(ERROR_CODES.notFound, 'No such team in your organization.');
  const [updated] = await tx
    .update(teams)
    .set({ name: input.name })
    .where(and(eq(teams.id, input.id), eq(teams.orgId, input.orgId)))
    .returning();
  if (!updated) throw new AppError(ERROR_CODES.notFound, 'No such team in your organization.');
  const row = toTeamRow(updated);
  recorder.put('teams', row, [scope.ref(input.orgId)]);
  return { row, changes: before.name === row.name ? [] : [{ field: 'name', before: before.name, after: row.name }] };
}

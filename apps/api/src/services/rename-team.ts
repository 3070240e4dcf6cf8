import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, scope, type TeamRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { teams } from '../db/schema/index.ts';
import { toTeamRow } from './rows.ts';

export async function renameTeam(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: { orgId: string; id: string; name: string },
): Promise<TeamRow> {
  const [updated] = await tx
    .update(teams)
    .set({ name: input.name })
    .where(and(eq(teams.id, input.id), eq(teams.orgId, input.orgId)))
    .returning();
  if (!updated) throw new AppError(ERROR_CODES.notFound, 'No such team in your organization.');
  const row = toTeamRow(updated);
  recorder.put('teams', row, [scope.ref(input.orgId)]);
  return row;
}

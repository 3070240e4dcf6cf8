import { newId, scope, type TeamRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { teams } from '../db/schema/index.ts';
import { toTeamRow } from './rows.ts';

export type CreateTeamInput = { id?: string; orgId: string; name: string };

export async function createTeam(tx: AnyTx, recorder: ChangeRecorder, input: CreateTeamInput): Promise<TeamRow> {
  const [inserted] = await tx
    .insert(teams)
    .values({ id: input.id ?? newId(), orgId: input.orgId, name: input.name })
    .returning();
  if (!inserted) throw new Error('insert into teams returned no row');
  const row = toTeamRow(inserted);
  recorder.put('teams', row, [scope.ref(input.orgId)]);
  return row;
}

import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, personScopes, type AuditChange, type Role, type UserRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { teams, users } from '../db/schema/index.ts';
import { assertInOrg } from './references.ts';
import { toUserRow } from './rows.ts';

export type UpdateUserInput = {
  orgId: string;
  id: string;
  name?: string | undefined;
  role?: Role | undefined;
  teamId?: string | null | undefined;
  active?: boolean | undefined;
};

/** The person after the change, and what changed, for the audit trail (each field that took another value). */
export type UserUpdate = { row: UserRow; changes: AuditChange[] };

const AUDITED = ['name', 'role', 'teamId', 'active'] as const;

/**
 * Changes a person's row and records it where it is held now (ADR 0051), so every device that
 * holds the person shows the new name, role or team; a device that no longer holds them (their
 * old team's, after a move or a role change) gets a delete. The person's own devices re-scope at
 * their next pull (the scopes hash changes with team and role).
 * Returns the before and after of each changed field: "changed a person" alone did not say that
 * someone was made an admin, or by whom (found by an outsider tester).
 */
export async function updateUser(tx: AnyTx, recorder: ChangeRecorder, input: UpdateUserInput): Promise<UserUpdate> {
  const [before] = await tx
    .select({
      id: users.id,
      orgId: users.orgId,
      name: users.name,
      role: users.role,
      teamId: users.teamId,
      active: users.active,
    })
    .from(users)
    .where(and(eq(users.id, input.id), eq(users.orgId, input.orgId)))
    .for('update');
  if (!before) throw new AppError(ERROR_CODES.notFound, 'No such user in your organization.');
  if (input.teamId)
    await assertInOrg(tx, teams, { id: input.teamId, orgId: input.orgId, field: 'teamId', what: 'team' });
  const [updated] = await tx
    .update(users)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    })
    .where(eq(users.id, input.id))
    .returning();
  if (!updated) throw new Error('update of users returned no row');
  const row = toUserRow(updated);
  recorder.move('users', row, personScopes(before), personScopes(row));
  const changes = AUDITED.filter((field) => before[field] !== row[field]).map((field) => ({
    field,
    before: before[field],
    after: row[field],
  }));
  return { row, changes };
}

import { eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, newId, personScopes, type Role, type UserRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { teams, users } from '../db/schema/index.ts';
import { assertInOrg } from './references.ts';
import { toUserRow } from './rows.ts';

export type CreateUserInput = {
  id?: string;
  orgId: string;
  teamId: string | null;
  name: string;
  email: string;
  role: Role;
  /** From `hashPassword`; callers hash so that a batch (the demo seed) can hash in parallel. */
  passwordHash: string;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(tx: AnyTx, recorder: ChangeRecorder, input: CreateUserInput): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  if (input.teamId)
    await assertInOrg(tx, teams, { id: input.teamId, orgId: input.orgId, field: 'teamId', what: 'team' });
  // Emails are unique across organizations because sign-in is by email alone.
  const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (taken.length > 0) {
    throw new AppError(ERROR_CODES.conflict, 'A user with this email already exists.', [
      { path: 'email', message: 'is already in use' },
    ]);
  }
  const [inserted] = await tx
    .insert(users)
    .values({
      id: input.id ?? newId(),
      orgId: input.orgId,
      teamId: input.teamId,
      name: input.name,
      email,
      passwordHash: input.passwordHash,
      role: input.role,
    })
    .returning();
  if (!inserted) throw new Error('insert into users returned no row');
  const row = toUserRow(inserted);
  recorder.put('users', row, personScopes(row));
  return row;
}

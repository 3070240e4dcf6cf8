import { sql } from 'drizzle-orm';
import type { InvitationState } from '@lastmile/domain';
import { auditEvents, userTokens } from '../db/schema/index.ts';
import { AUDIT_ACTIONS } from './record-audit.ts';

/**
 * A person who was invited and has not set a password yet (no `user.password_set` in the trail,
 * which set-password writes in its own transaction): `pending` while a link is open, else `expired`.
 * For a select from `users`. Its columns are spelled with their table: drizzle writes a column of
 * the main table unqualified, and inside a subquery `id` would then mean the subquery's own table.
 */
export const invitationState = sql<InvitationState | null>`case
  when not exists (select 1 from ${userTokens} it where it.user_id = "users"."id" and it.kind = 'invite') then null
  when exists (select 1 from ${auditEvents} ae where ae.org_id = "users"."org_id" and ae.entity = 'user'
    and ae.entity_id = "users"."id"::text and ae.action = ${AUDIT_ACTIONS.passwordSet}) then null
  when exists (select 1 from ${userTokens} ot where ot.user_id = "users"."id" and ot.used_at is null
    and ot.expires_at > now()) then 'pending'
  else 'expired' end`;

import { and, eq, inArray } from 'drizzle-orm';
import type { AuditEvent } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { teams, users } from '../../db/schema/index.ts';

const PERSON_FIELDS = new Set(['assigneeId', 'leadId']);
const TEAM_FIELDS = new Set(['teamId']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names a page of the trail refers to (who acted, who was assigned before and after, who was
 * made a lead, which team), so the client can word each event without a look-up per row. Only this organization's.
 */
export async function auditNames(db: DbOrTx, orgId: string, events: AuditEvent[]): Promise<Record<string, string>> {
  const people = new Set<string>();
  const teamIds = new Set<string>();
  for (const event of events) {
    if (event.userId && UUID.test(event.userId)) people.add(event.userId);
    // The person or team an admin changed: "changed a person" must say whom.
    if (event.entityId && UUID.test(event.entityId)) {
      if (event.entity === 'user') people.add(event.entityId);
      if (event.entity === 'team') teamIds.add(event.entityId);
    }
    for (const change of event.changes) {
      const into = PERSON_FIELDS.has(change.field) ? people : TEAM_FIELDS.has(change.field) ? teamIds : null;
      for (const value of [change.before, change.after])
        if (into && typeof value === 'string' && UUID.test(value)) into.add(value);
    }
  }
  const names: Record<string, string> = {};
  if (people.size > 0) {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.orgId, orgId), inArray(users.id, [...people])));
    for (const row of rows) names[row.id] = row.name;
  }
  if (teamIds.size > 0) {
    const rows = await db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.orgId, orgId), inArray(teams.id, [...teamIds])));
    for (const row of rows) names[row.id] = row.name;
  }
  return names;
}

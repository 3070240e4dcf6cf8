import type { Actor } from './mutators/tx.ts';

/**
 * Replication scopes. Every change-log row is written once per scope that may see it; a client
 * pulls the union of its actor's scopes. Reference data every device needs (teams, job types,
 * form versions, the office's people) is organization-wide (`ref`); work (jobs, items, messages)
 * is scoped to its assignee, team and org; customers and sites go to the org and to the team and
 * user scopes of the jobs that need them, and field people to their team's `people` scope, so a
 * device holds its own work (apps/api services/reference-scopes.ts, ADR 0051).
 */
export const scope = {
  ref: (orgId: string) => `ref:${orgId}`,
  org: (orgId: string) => `org:${orgId}`,
  team: (teamId: string) => `team:${teamId}`,
  /** A team's people, pulled by its technicians and its lead (the team's jobs stay in `team`). */
  people: (teamId: string) => `people:${teamId}`,
  user: (userId: string) => `user:${userId}`,
};

export function scopesForActor(actor: Actor): string[] {
  switch (actor.role) {
    case 'technician':
      return actor.teamId
        ? [scope.ref(actor.orgId), scope.people(actor.teamId), scope.user(actor.userId)]
        : [scope.ref(actor.orgId), scope.user(actor.userId)];
    case 'lead':
      return actor.teamId
        ? [scope.ref(actor.orgId), scope.team(actor.teamId), scope.people(actor.teamId), scope.user(actor.userId)]
        : [scope.ref(actor.orgId), scope.user(actor.userId)];
    case 'office':
    case 'admin':
      // The user scope holds their own inbox (a mention reaches office staff too).
      return [scope.ref(actor.orgId), scope.org(actor.orgId), scope.user(actor.userId)];
  }
}

/** Scopes of a piece of work: everyone above it in the organization, its team, its people. */
export function workScopes(work: { orgId: string; teamId: string | null; userIds: (string | null)[] }): string[] {
  const scopes = new Set([scope.org(work.orgId)]);
  if (work.teamId) scopes.add(scope.team(work.teamId));
  for (const id of work.userIds) if (id) scopes.add(scope.user(id));
  return [...scopes];
}

/** Who a person is, as far as the devices holding their row are concerned. */
export type PersonPlacement = { id: string; orgId: string; role: Actor['role']; teamId: string | null };

/**
 * Scopes holding a person's row (ADR 0051): the office's, their own, and the devices that work
 * with them. Office and admin people serve everyone (reviewers, the people a question to the
 * office mentions), so every device holds them; a technician or lead is held by their team's
 * devices. An inactive person stays where they were: their answers and messages keep a name.
 */
export function personScopes(person: PersonPlacement): string[] {
  const scopes = [scope.org(person.orgId), scope.user(person.id)];
  if (person.role === 'office' || person.role === 'admin') scopes.push(scope.ref(person.orgId));
  else if (person.teamId) scopes.push(scope.people(person.teamId));
  return scopes;
}

import type { Actor } from './mutators/tx.ts';

/**
 * Replication scopes. Every change-log row is written once per scope that may see it; a client
 * pulls the union of its actor's scopes. Reference data every device needs (people, teams, job
 * types, form versions) is organization-wide (`ref`); work (jobs, items, messages) is scoped to
 * its assignee, team and org; customers and sites go to the org and to the team and user scopes
 * of the jobs that need them, so a device holds its own work (apps/api services/reference-scopes.ts).
 */
export const scope = {
  ref: (orgId: string) => `ref:${orgId}`,
  org: (orgId: string) => `org:${orgId}`,
  team: (teamId: string) => `team:${teamId}`,
  user: (userId: string) => `user:${userId}`,
};

export function scopesForActor(actor: Actor): string[] {
  switch (actor.role) {
    case 'technician':
      return [scope.ref(actor.orgId), scope.user(actor.userId)];
    case 'lead':
      return actor.teamId
        ? [scope.ref(actor.orgId), scope.team(actor.teamId), scope.user(actor.userId)]
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

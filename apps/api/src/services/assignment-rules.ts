import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { AnyTx } from '@lastmile/sync/server';
import { teams, users } from '../db/schema/index.ts';

export type AssignmentRequest = {
  orgId: string;
  assigneeId: string | null;
  /**
   * The team asked for. With an assignee: `null` or `undefined` means "the assignee's team"; any
   * other team must be the assignee's. Without one: the job's team (`undefined`: keep `currentTeamId`).
   */
  teamId: string | null | undefined;
  currentTeamId?: string | null;
  /** A lead assigns only within their own team (both the person and the team). */
  leadTeamId?: string | null | undefined;
};

export type Assignment = { assigneeId: string | null; teamId: string | null };

const problem = (code: 'validation' | 'forbidden', path: 'assigneeId' | 'teamId', message: string) =>
  new AppError(ERROR_CODES[code], message, [{ path, message }]);

/**
 * The one set of rules for every path that sets a job's assignee or team — createJob, updateJob,
 * assignJob and the CSV import — so no path lets through what another refuses, and none reports a
 * change as applied while dropping part of it:
 * - the assignee is an active member of the organization who does field work (technician or lead);
 * - an assigned job belongs to its assignee's team: another team given alongside is refused,
 *   never silently replaced;
 * - a lead keeps jobs, and gives them to people, within their own team.
 */
export async function resolveAssignment(tx: AnyTx, req: AssignmentRequest): Promise<Assignment> {
  const lead = req.leadTeamId !== undefined;
  if (!req.assigneeId) {
    const teamId = req.teamId === undefined ? (req.currentTeamId ?? null) : req.teamId;
    if (teamId) await assertTeam(tx, req.orgId, teamId);
    if (lead && teamId !== req.leadTeamId)
      throw problem('forbidden', 'teamId', 'Leads keep jobs within their own team.');
    return { assigneeId: null, teamId };
  }
  const [person] = await tx
    .select({ name: users.name, teamId: users.teamId, role: users.role, active: users.active })
    .from(users)
    .where(and(eq(users.id, req.assigneeId), eq(users.orgId, req.orgId)))
    .limit(1);
  if (!person) throw problem('validation', 'assigneeId', 'The chosen person is not a member of this organization.');
  if (!person.active) throw problem('validation', 'assigneeId', `${person.name} is no longer active.`);
  if (person.role !== 'technician' && person.role !== 'lead')
    throw problem('validation', 'assigneeId', `${person.name} does not do field work.`);
  if (lead && person.teamId !== req.leadTeamId)
    throw problem('forbidden', 'assigneeId', `${person.name} is not in your team.`);
  if (req.teamId && req.teamId !== person.teamId) {
    const teamName = person.teamId ? await nameOfTeam(tx, person.teamId) : null;
    throw problem(
      'validation',
      'teamId',
      `An assigned job belongs to its assignee's team: ${person.name} is ${teamName ? `in ${teamName}` : 'in no team'}. Choose that team, or another person.`,
    );
  }
  return { assigneeId: req.assigneeId, teamId: person.teamId };
}

async function assertTeam(tx: AnyTx, orgId: string, teamId: string): Promise<void> {
  const [team] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.orgId, orgId)))
    .limit(1);
  if (!team) throw problem('validation', 'teamId', 'Unknown team.');
}

async function nameOfTeam(tx: AnyTx, teamId: string): Promise<string | null> {
  const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId)).limit(1);
  return team?.name ?? null;
}

import type { FastifyInstance } from 'fastify';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  AppError,
  ERROR_CODES,
  adminPersonSchema,
  adminUserChangeSchema,
  adminUserUpdateSchema,
  idParamsSchema,
  teamInputSchema,
  teamLeadSchema,
  teamRowSchema,
  userRowSchema,
} from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { teams, users } from '../../db/schema/index.ts';
import { assertInOrg } from '../../services/references.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { createTeam } from '../../services/create-team.ts';
import { invitationState } from '../../services/invitation-state.ts';
import {
  moveOpenJobsWithPerson,
  openJobsByAssignee,
  refuseTeamlessWithOpenJobs,
} from '../../services/move-person-jobs.ts';
import { AUDIT_ACTIONS, recordAudit, requestClientId } from '../../services/record-audit.ts';
import { renameTeam } from '../../services/rename-team.ts';
import { toTeamRow, toUserRow } from '../../services/rows.ts';
import { workOnPhonesByOwner } from '../../services/work-on-phones.ts';
import { updateUser } from '../../services/update-user.ts';

/** What an admin may not do to themselves, by the key the app words it with (`server.people.self.*`). */
const SELF_REFUSALS = {
  role: 'change the role of',
  deactivate: 'deactivate',
  lead: 'make a lead of',
} as const;

/** An admin changing their own role or access could leave the organization without one. */
function refuseSelf(actorId: string, targetId: string, what: keyof typeof SELF_REFUSALS): void {
  if (actorId === targetId) {
    throw new AppError(
      ERROR_CODES.conflict,
      `You cannot ${SELF_REFUSALS[what]} yourself; ask another admin.`,
      undefined,
      { key: `people.self.${what}` },
    );
  }
}

/**
 * People and teams of the caller's organization (issue 12). Every write goes through writeInOrg
 * and a service, so devices receive it by sync; access changes are audited.
 */
export async function adminPeopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const officeOrAdmin = requireRole('office', 'admin');

  app.get(
    '/api/admin/users',
    {
      onRequest: officeOrAdmin,
      schema: {
        tags: ['admin'],
        summary: 'Everyone in the organization, deactivated people included, with where their invitation stands',
        response: { 200: z.array(adminPersonSchema) },
      },
    },
    async (request) => {
      const [rows, open, onPhones] = await Promise.all([
        app.db
          .select({ user: users, invitation: invitationState })
          .from(users)
          .where(eq(users.orgId, request.actor.orgId))
          .orderBy(asc(users.name), asc(users.id)),
        openJobsByAssignee(app.db, request.actor.orgId),
        workOnPhonesByOwner(app.db, request.actor.orgId),
      ]);
      return rows.map((r) => ({
        ...toUserRow(r.user),
        invitation: r.invitation,
        openJobs: open.get(r.user.id) ?? 0,
        onPhones: onPhones.get(r.user.id) ?? { photos: 0, changes: 0 },
      }));
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: "Change a person's name, role or team",
        description:
          'A new team takes the person’s unfinished jobs (every status but approved and cancelled) with them, in the same transaction: `jobsMoved` says how many. Taking someone who still has such jobs out of every team (`teamId: null`) is refused with 409 and changes nothing.',
        params: idParamsSchema,
        body: adminUserUpdateSchema,
        response: { 200: adminUserChangeSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const { id } = request.params;
      const { teamId } = request.body;
      if (request.body.role !== undefined) refuseSelf(userId, id, 'role');
      return writeInOrg(app.db, orgId, async (tx, rec) => {
        if (teamId === null) await refuseTeamlessWithOpenJobs(tx, { orgId, userId: id });
        const { row, changes } = await updateUser(tx, rec, { ...request.body, orgId, id });
        // Their jobs follow them, or the old team's lead keeps work their own people no longer do.
        const jobsMoved = teamId
          ? await moveOpenJobsWithPerson(tx, rec, {
              orgId,
              userId: id,
              teamId,
              by: { userId, clientId: requestClientId(request) },
            })
          : 0;
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.userUpdated,
          entity: 'user',
          entityId: id,
          changes,
        });
        return { ...row, jobsMoved };
      });
    },
  );

  app.post(
    '/api/admin/users/:id/deactivate',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Deactivate a person: their sessions end at once; their history and attribution stay',
        params: idParamsSchema,
        response: { 200: userRowSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const { id } = request.params;
      refuseSelf(userId, id, 'deactivate');
      return writeInOrg(app.db, orgId, async (tx, rec) => {
        const { row, changes } = await updateUser(tx, rec, { orgId, id, active: false });
        await revokeUserSessions(tx, { orgId, userId: id });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.userDeactivated,
          entity: 'user',
          entityId: id,
          changes,
        });
        return row;
      });
    },
  );

  app.post(
    '/api/admin/users/:id/reactivate',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Let a deactivated person sign in again',
        params: idParamsSchema,
        response: { 200: userRowSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const { id } = request.params;
      return writeInOrg(app.db, orgId, async (tx, rec) => {
        const { row, changes } = await updateUser(tx, rec, { orgId, id, active: true });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.userReactivated,
          entity: 'user',
          entityId: id,
          changes,
        });
        return row;
      });
    },
  );

  app.get(
    '/api/admin/teams',
    {
      onRequest: officeOrAdmin,
      schema: { tags: ['admin'], summary: "The organization's teams", response: { 200: z.array(teamRowSchema) } },
    },
    async (request) => {
      const rows = await app.db
        .select()
        .from(teams)
        .where(eq(teams.orgId, request.actor.orgId))
        .orderBy(asc(teams.name), asc(teams.id));
      return rows.map(toTeamRow);
    },
  );

  app.post(
    '/api/admin/teams',
    {
      onRequest: admin,
      schema: { tags: ['admin'], summary: 'Create a team', body: teamInputSchema, response: { 201: teamRowSchema } },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      const row = await writeInOrg(app.db, orgId, async (tx, rec) => {
        const team = await createTeam(tx, rec, { orgId, name: request.body.name });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.teamCreated,
          entity: 'team',
          entityId: team.id,
          changes: [{ field: 'name', before: null, after: team.name }],
        });
        return team;
      });
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/admin/teams/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Rename a team',
        params: idParamsSchema,
        body: teamInputSchema,
        response: { 200: teamRowSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const { id } = request.params;
      return writeInOrg(app.db, orgId, async (tx, rec) => {
        const { row, changes } = await renameTeam(tx, rec, { orgId, id, name: request.body.name });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.teamRenamed,
          entity: 'team',
          entityId: id,
          changes,
        });
        return row;
      });
    },
  );

  app.put(
    '/api/admin/teams/:id/lead',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: "Make a person the team's lead: they join the team with the lead role",
        description:
          'Their unfinished jobs (every status but approved and cancelled) join the team with them, in the same transaction: `jobsMoved` says how many.',
        params: idParamsSchema,
        body: teamLeadSchema,
        response: { 200: adminUserChangeSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const teamId = request.params.id;
      const target = request.body.userId;
      refuseSelf(userId, target, 'lead');
      return writeInOrg(app.db, orgId, async (tx, rec) => {
        const [team] = await tx
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.id, teamId), eq(teams.orgId, orgId)))
          .limit(1);
        if (!team) throw new AppError(ERROR_CODES.notFound, 'No such team in your organization.');
        await assertInOrg(tx, users, { id: target, orgId, field: 'userId', what: 'person' });
        const { row, changes } = await updateUser(tx, rec, { orgId, id: target, teamId, role: 'lead' });
        const jobsMoved = await moveOpenJobsWithPerson(tx, rec, {
          orgId,
          userId: target,
          teamId,
          by: { userId, clientId: requestClientId(request) },
        });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.teamLeadSet,
          entity: 'team',
          entityId: teamId,
          // The event is the team's: who became its lead is said here, then their role and team before.
          changes: [{ field: 'leadId', before: null, after: target }, ...changes],
        });
        return { ...row, jobsMoved };
      });
    },
  );
}

import type { FastifyInstance } from 'fastify';
import {
  AppError,
  ERROR_CODES,
  crewJoinRequestSchema,
  crewLeaveRequestSchema,
  crewMemberSchema,
  crewQuerySchema,
  crewSchema,
  type Crew,
} from '@lastmile/domain';
import {
  assertHostClient,
  clientIdOfSession,
  createCrewSession,
  crewOnClient,
  endCrewSessions,
  isCrewRole,
} from '../../auth/crew-sessions.ts';
import { notifyAccessChanged } from '../../auth/access-channel.ts';
import { checkCredentials } from '../../auth/check-credentials.ts';
import { passwordRateLimit } from '../../auth/sign-in-limits.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

const fieldRolesOnly = () =>
  new AppError(ERROR_CODES.forbidden, 'Crew mode is for technicians and leads.', undefined, {
    key: 'crew.fieldRolesOnly',
  });

async function crewOf(app: FastifyInstance, orgId: string, clientId: string): Promise<Crew> {
  const members = await crewOnClient(app.db, { orgId, clientId });
  return { members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role, teamId: m.teamId })) };
}

/**
 * Crew mode (docs/decisions/0033-crew-mode.md): the phone's signed-in person adds a colleague,
 * who types their own password once, online; lists who is on the device; signs one out.
 */
export async function crewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/crew',
    {
      config: {
        refuseUnstorable: ['email', 'password'],
        // The same budget as the sign-in page: this is a password check too.
        rateLimit: passwordRateLimit((request) => `crew|${request.ip}|${request.session.actor.userId}`),
      },
      schema: {
        tags: ['auth'],
        summary: 'Add a person to the crew on this device (their own email and password)',
        body: crewJoinRequestSchema,
        response: { 200: crewMemberSchema },
      },
    },
    async (request) => {
      const host = request.actor;
      if (!isCrewRole(host.role)) throw fieldRolesOnly();
      assertHostClient(await clientIdOfSession(app.db, request.session.tokenHash), request.body.clientId);
      // Another organization's person is "wrong email or password" too: nothing says they exist.
      const user = await checkCredentials(app.db, {
        ip: request.ip,
        email: request.body.email,
        password: request.body.password,
        orgId: host.orgId,
      });
      if (!isCrewRole(user.role)) throw fieldRolesOnly();
      if (user.id === host.userId)
        throw new AppError(ERROR_CODES.conflict, 'You are already signed in on this device.', undefined, {
          key: 'crew.alreadyHere',
        });
      await app.db.transaction(async (tx) => {
        await createCrewSession(tx, {
          userId: user.id,
          orgId: host.orgId,
          clientId: request.body.clientId,
          ttlDays: app.config.sessionTtlDays,
          userAgent: request.headers['user-agent'] ?? null,
        });
        // The phone's live-update stream now serves the newcomer's scopes too (poke-hub.ts).
        await notifyAccessChanged(tx, host.orgId);
        await recordAudit(tx, request, {
          orgId: host.orgId,
          userId: user.id,
          action: AUDIT_ACTIONS.crewJoined,
          entity: 'user',
          entityId: user.id,
        });
      });
      request.log.info({ userId: user.id, hostUserId: host.userId }, 'joined a crew');
      return { id: user.id, name: user.name, role: crewMemberSchema.shape.role.parse(user.role), teamId: user.teamId };
    },
  );

  app.get(
    '/api/auth/crew',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in on this device (crew mode)',
        querystring: crewQuerySchema,
        response: { 200: crewSchema },
      },
    },
    async (request) => {
      assertHostClient(await clientIdOfSession(app.db, request.session.tokenHash), request.query.clientId);
      return crewOf(app, request.actor.orgId, request.query.clientId);
    },
  );

  app.post(
    '/api/auth/crew/leave',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign one person out of the crew on this device',
        body: crewLeaveRequestSchema,
        response: { 200: crewSchema },
      },
    },
    async (request) => {
      const host = request.actor;
      const { clientId, userId } = request.body;
      assertHostClient(await clientIdOfSession(app.db, request.session.tokenHash), clientId);
      if (userId === host.userId)
        throw new AppError(
          ERROR_CODES.conflict,
          'The phone’s own person signs out with “Sign out”, which ends the crew.',
          undefined,
          { key: 'crew.hostLeaves' },
        );
      await app.db.transaction(async (tx) => {
        const ended = await endCrewSessions(tx, {
          orgId: host.orgId,
          clientId,
          userId,
          exceptTokenHash: request.session.tokenHash,
        });
        if (ended > 0)
          await recordAudit(tx, request, {
            orgId: host.orgId,
            userId,
            action: AUDIT_ACTIONS.crewLeft,
            entity: 'user',
            entityId: userId,
          });
      });
      return crewOf(app, host.orgId, clientId);
    },
  );
}

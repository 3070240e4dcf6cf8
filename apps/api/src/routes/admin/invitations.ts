import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  idParamsSchema,
  invitationSchema,
  inviteUserSchema,
  passwordLinkSchema,
  setPasswordSchema,
} from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { hashPassword } from '../../auth/password.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { organizations, users } from '../../db/schema/index.ts';
import { invitationMail, passwordResetMail } from '../../mail/account-mails.ts';
import { createMailSender } from '../../mail/create-mail-sender.ts';
import type { OutgoingMail } from '../../mail/mail-sender.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { createUser } from '../../services/create-user.ts';
import { invitationState } from '../../services/invitation-state.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';
import { consumeUserToken, issueUserToken, setPasswordLink } from '../../services/user-tokens.ts';

const SET_PASSWORD_ATTEMPTS_PER_MINUTE = 10;

/** The link as the admin's own browser reaches this server (an admin-only request). */
function absoluteLink(request: FastifyRequest, token: string): string {
  return `${request.protocol}://${request.host}${setPasswordLink(token)}`;
}

/**
 * Invitations and password resets: one-time links (only their hash stored; expiring, single
 * use, only the latest one open), mailed through the MailSender and returned to the admin to
 * pass on. Setting the password through a link is public and rate limited.
 */
export async function invitationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const mail = createMailSender(app.config);

  /**
   * True when the mail reached the person's mail server. The link is already issued and shown to
   * the admin, so a mail server that is down costs only the mail, not the invitation.
   */
  async function deliver(request: FastifyRequest, message: OutgoingMail): Promise<boolean> {
    try {
      await mail.send(message);
      return mail.delivers;
    } catch (error) {
      request.log.warn({ err: error }, 'could not send mail; the admin passes the link on');
      return false;
    }
  }

  async function orgOf(orgId: string) {
    const [org] = await app.db
      .select({ name: organizations.name, locale: organizations.locale })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    return org ?? { name: 'Lastmile', locale: 'en' as const };
  }

  app.post(
    '/api/admin/users/invite',
    {
      onRequest: admin,
      // Without its NUL the address is someone else's: the link would be mailed to a stranger.
      config: { refuseUnstorable: ['email'] },
      schema: {
        tags: ['admin'],
        summary: 'Invite a person: they receive a one-time link to set their password (valid 7 days)',
        body: inviteUserSchema,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      // Until they answer, no password opens the account: a random one nobody knows.
      const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
      const { user, token, expiresAt } = await writeInOrg(app.db, orgId, async (tx, rec) => {
        const created = await createUser(tx, rec, { ...request.body, orgId, passwordHash });
        const issued = await issueUserToken(tx, { orgId, userId: created.id, kind: 'invite', createdBy: userId });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.userInvited,
          entity: 'user',
          entityId: created.id,
          // The access an invitation grants is what an auditor looks for (an admin invited as admin).
          changes: [
            { field: 'role', before: null, after: created.role },
            { field: 'teamId', before: null, after: created.teamId },
          ],
        });
        return { user: created, ...issued };
      });
      const link = absoluteLink(request, token);
      const org = await orgOf(orgId);
      const emailed = await deliver(
        request,
        invitationMail({ to: user.email, name: user.name, orgName: org.name, link, expiresAt, locale: org.locale }),
      );
      return reply.status(201).send({ user, link, expiresAt: expiresAt.toISOString(), emailed });
    },
  );

  app.post(
    '/api/admin/users/:id/password-reset',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary:
          'A one-time link for a person to choose a new password (valid 24 hours); for someone who never answered their invitation, a new invitation (7 days)',
        params: idParamsSchema,
        response: { 200: passwordLinkSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const { id } = request.params;
      const [target] = await app.db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          active: users.active,
          invitation: invitationState,
        })
        .from(users)
        .where(and(eq(users.id, id), eq(users.orgId, orgId)))
        .limit(1);
      if (!target) throw new AppError(ERROR_CODES.notFound, 'No such user in your organization.');
      if (!target.active) throw new AppError(ERROR_CODES.conflict, 'Reactivate this person first.');
      // Someone who never answered their invitation gets a new one: a week, and the invitation's words.
      const kind = target.invitation ? 'invite' : 'reset';
      const { token, expiresAt } = await writeInOrg(app.db, orgId, async (tx) => {
        const issued = await issueUserToken(tx, { orgId, userId: id, kind, createdBy: userId });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: kind === 'invite' ? AUDIT_ACTIONS.userInvited : AUDIT_ACTIONS.passwordResetIssued,
          entity: 'user',
          entityId: id,
        });
        return issued;
      });
      const link = absoluteLink(request, token);
      const org = await orgOf(orgId);
      const words = { to: target.email, name: target.name, orgName: org.name, link, expiresAt, locale: org.locale };
      const emailed = await deliver(request, kind === 'invite' ? invitationMail(words) : passwordResetMail(words));
      return { link, expiresAt: expiresAt.toISOString(), emailed };
    },
  );

  app.post(
    '/api/auth/set-password',
    {
      config: {
        public: true,
        refuseUnstorable: ['password'],
        rateLimit: {
          max: SET_PASSWORD_ATTEMPTS_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `set-password|${request.ip}`,
          errorResponseBuilder: (_request, context) =>
            new AppError(ERROR_CODES.rateLimited, `Too many attempts. Wait ${context.after} and try again.`),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Set a password with a one-time link (invitation or reset); then sign in',
        security: [],
        body: setPasswordSchema,
      },
    },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password);
      await app.db.transaction(async (tx) => {
        const { userId, orgId } = await consumeUserToken(tx, request.body.token);
        const [updated] = await tx
          .update(users)
          .set({ passwordHash })
          .where(and(eq(users.id, userId), eq(users.active, true)))
          .returning({ id: users.id });
        if (!updated) {
          throw new AppError(
            ERROR_CODES.conflict,
            'This account has been deactivated. Ask your office to reactivate it.',
          );
        }
        // A reset means the old password may be known to someone else: every session ends.
        await revokeUserSessions(tx, { orgId, userId });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.passwordSet,
          entity: 'user',
          entityId: userId,
        });
      });
      return reply.status(204).send();
    },
  );
}

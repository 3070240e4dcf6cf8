import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type DeviceReport,
  type PullResponse,
  type PushResponse,
} from '@lastmile/sync';
import { checkSchemaVersion, processPullJson, processPushes, type GroupedPush } from '@lastmile/sync/server';
import { pushUnitOfWork, serverMutators } from '../../mutators/index.ts';
import { liveSessionHashes } from '../../auth/sessions.ts';
import { sessionScopes } from '../../auth/session-scopes.ts';
import { crewActor, crewActors } from '../../auth/crew-sessions.ts';
import { appliedMutations } from '../../services/audit/applied-mutations.ts';
import { recordPushAudit } from '../../services/audit/record-push-audit.ts';
import { publishWebhookEvent } from '../../services/webhooks/publish-webhook-event.ts';
import { pullStanding, pushStanding } from '../../services/devices/client-standing.ts';
import {
  recordDeviceContact,
  refuseRevokedContact,
  type DeviceContact,
} from '../../services/devices/record-device-contact.ts';
import { RecentContacts } from '../../services/devices/recent-contacts.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { OrgPushQueue } from './org-push-queue.ts';
import { PokeHub } from './poke-hub.ts';

/** Push, pull and the poke stream : see docs/sync-protocol.md. */
export async function syncRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const pokes = new PokeHub(
    (hashes) => liveSessionHashes(app.db, hashes),
    (error) => app.log.warn({ err: error }, 'reading the sessions of open poke streams failed'),
    undefined,
    (hashes) => sessionScopes(app.db, hashes),
  );
  await pokes.start(app.pgListen);
  // Open event streams would keep a graceful shutdown waiting forever.
  app.addHook('preClose', async () => pokes.stop());
  // Pushes that queue behind a busy organization go to the database together (ADR 0044).
  const pushQueue = new OrgPushQueue<GroupedPush, PushResponse>(
    (_orgId, pushes) =>
      processPushes(app.db, pushes, serverMutators, {
        unitOfWork: pushUnitOfWork,
        audit: recordPushAudit,
        applied: appliedMutations,
        standing: pushStanding,
        crewActor,
        publish: (tx, orgId, event) => publishWebhookEvent(tx, app.webhooks, orgId, event),
      }),
    { maxWeight: MAX_PUSH_MUTATIONS, weight: (push) => push.req.mutations.length },
  );
  // Identical device contacts within a minute skip their statement (recent-contacts.ts).
  const recentContacts = new RecentContacts();

  app.post(
    '/api/sync/push',
    {
      preValidation: versionFirst,
      // Room for a full batch of large mutations; the count is checked with its own clear message.
      bodyLimit: MAX_PUSH_BYTES,
      schema: {
        tags: ['sync'],
        summary: 'Apply queued mutations exactly once, in order',
        body: pushRequestSchema,
        response: { 200: pushResponseSchema },
      },
    },
    async (request) => {
      const contact = contactOf(request, request.body);
      await recordDeviceContact(app.db, contact, recentContacts);
      try {
        return await pushQueue.run(request.actor.orgId, {
          actor: request.actor,
          req: request.body,
          log: (details, message) => request.log.warn(details, message),
        });
      } catch (error) {
        await refuseRevokedContact(app.db, error, contact, recentContacts);
        throw error;
      }
    },
  );

  app.post(
    '/api/sync/pull',
    {
      preValidation: versionFirst,
      schema: {
        tags: ['sync'],
        summary: 'Changes after a cursor, in commit order, in the caller’s scopes',
        body: pullRequestSchema,
        response: { 200: pullResponseSchema },
      },
    },
    // The page arrives as JSON text, the stored rows spliced in unparsed, and is sent as is (Fastify
    // does not serialize a string with a JSON content type): no zod pass over thousands of changes
    // (~25% of the request, docs/benchmarks.md) and no parse + stringify of each row. The schema
    // stays for the OpenAPI document; packages/sync/src/server/process-pull.test.ts checks the
    // text says exactly what processPull says and what the schema lets through. (Fastify's
    // typing only knows the schema's object, hence the cast.)
    async (request, reply) => {
      // Crew members' sessions live as long as the phone keeps syncing, like the cookie's does.
      const contact = { ...contactOf(request, request.body), crewSessionTtlDays: app.config.sessionTtlDays };
      await recordDeviceContact(app.db, contact, recentContacts);
      let json: string;
      try {
        json = await processPullJson(app.db, request.actor, request.body, {
          standing: pullStanding,
          crew: crewActors,
        });
      } catch (error) {
        await refuseRevokedContact(app.db, error, contact, recentContacts);
        throw error;
      }
      return reply.type('application/json; charset=utf-8').send(json as unknown as PullResponse);
    },
  );

  app.get(
    '/api/sync/poke',
    { schema: { tags: ['sync'], summary: 'Server-Sent Events: an event "poke" means pull now' } },
    (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // A first poke: the client pulls once in case it missed changes while disconnected.
      res.write('retry: 3000\nevent: poke\ndata: {"type":"poke"}\n\n');
      const remove = pokes.add({ orgId: request.actor.orgId, tokenHash: request.session.tokenHash }, res);
      request.raw.on('close', remove);
    },
  );
}

/** What a push or pull tells the device registry: who, which client, its report and browser. */
function contactOf(
  request: FastifyRequest,
  body: { clientId: string; device?: DeviceReport | undefined },
): DeviceContact {
  return {
    actor: request.actor,
    clientId: body.clientId,
    report: body.device,
    userAgent: request.headers['user-agent'],
    sessionTokenHash: request.session.tokenHash,
  };
}

/**
 * An unsupported `schemaVersion` is answered 426 before the body is validated: another version's
 * envelope may not fit this one's schema, and only a 426 tells the person to update the app (a 400
 * is retried, slowly, for ever).
 */
async function versionFirst(request: FastifyRequest): Promise<void> {
  const version: unknown = (request.body as { schemaVersion?: unknown } | null | undefined)?.schemaVersion;
  if (typeof version === 'number') checkSchemaVersion(version);
}

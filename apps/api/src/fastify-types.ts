import type { Actor } from '@lastmile/domain';
import type { AuthApiKey } from './auth/api-key-auth.ts';
import type { AuthSession } from './auth/sessions.ts';
import type { Db, Listen } from './db/client.ts';
import type { Config } from './env.ts';
import type { WebhookQueue } from './services/webhooks/webhook-queue.ts';

/** What buildApp adds to Fastify's types: the app's services and the signed-in actor. */
declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    /**
     * Postgres LISTEN (for the sync poke), on PGlite and PostgreSQL alike. Named `pgListen`
     * because `listen` is Fastify's own method that starts the server.
     */
    pgListen: Listen;
    /** The webhook delivery queue (pg-boss), started on first need; see services/webhooks. */
    webhooks: WebhookQueue;
  }
  interface FastifyRequest {
    /** The signed-in person. Set on every route that is not `config.public`; do not read it elsewhere. */
    actor: Actor;
    /** The session behind the request's cookie. Set exactly when `actor` is. */
    session: AuthSession;
    /** On /api/v1 instead of a session: the organization API key the request came with (ADR 0031). */
    apiKey: AuthApiKey | null;
    /** This write is in the audit trail already (recorded in its transaction): the catch-all hook skips it. */
    auditRecorded: boolean;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. Routes are private unless they say otherwise. */
    public?: boolean;
    /**
     * Body fields refused (400 naming them) when they hold text PostgreSQL cannot store, instead of
     * having it removed as everywhere else (ADR 0014, 0049): secrets and addresses, whose meaning
     * removal would change. Top-level string fields of a JSON body.
     */
    refuseUnstorable?: readonly string[];
  }
}

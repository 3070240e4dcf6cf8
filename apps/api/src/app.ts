import { createServer } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { pgRateLimitStore } from './auth/pg-rate-limit-store.ts';
import type { Db, Listen } from './db/client.ts';
import type { Config } from './env.ts';
import './fastify-types.ts';
import { auditWrites } from './plugins/audit-writes.ts';
import { auth } from './plugins/auth.ts';
import { compression } from './plugins/compression.ts';
import { errorHandler, frameworkErrorOptions } from './plugins/error-handler.ts';
import { loggerOptions, requestId } from './plugins/logger.ts';
import { openApi } from './plugins/openapi.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { storableInput } from './plugins/storable-input.ts';
import { webApp } from './plugins/web-app.ts';
import { useZodSchemas } from './plugins/zod-schemas.ts';
import { apiRoutes } from './routes/index.ts';
import { deliverWebhook } from './services/webhooks/deliver-webhook.ts';
import { pruneWebhookLog } from './services/webhooks/prune-webhook-log.ts';
import { hasSubscriptions } from './services/webhooks/subscriptions.ts';
import { WebhookQueue } from './services/webhooks/webhook-queue.ts';

export type BuildAppOptions = {
  db: Db;
  config: Config;
  listen: Listen;
  /** Defaults to JSON logs at config.logLevel; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
  /**
   * Deliver webhooks from this process (server.ts does; tests that deliver do). Without it the
   * queue still starts when needed to enqueue, but nothing is sent from here.
   */
  webhookWorker?: { pollingIntervalSeconds?: number } | undefined;
  /**
   * How long a request may take to arrive, headers and body (tests shorten it). A body that stalls
   * is answered 408 and its connection closed, instead of holding a socket open for ever.
   */
  requestTimeout?: { ms: number; checkEveryMs: number };
};

/**
 * Node's own default, which Fastify turns off. Long enough for a large photo over a slow link; one
 * cut off continues where it stopped (tus keeps what arrived, ADR 0017).
 */
const REQUEST_TIMEOUT = { ms: 300_000, checkEveryMs: 30_000 };

/**
 * The whole HTTP application, without listening: server.ts listens, tests `inject()`.
 * Route areas are registered in routes/index.ts; they reach the database through `app.db`
 * and Postgres notifications through `app.pgListen`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const timeout = options.requestTimeout ?? REQUEST_TIMEOUT;
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? loggerOptions(config.logLevel),
    genReqId: requestId,
    bodyLimit: 1024 * 1024,
    // Node's server made here: Fastify would set the timeout only after creating its own, too late
    // for Node to derive its headers timeout and how often it checks from it.
    serverFactory: (handler) => {
      const server = createServer(
        { requestTimeout: timeout.ms, connectionsCheckingInterval: timeout.checkEveryMs },
        handler,
      );
      server.keepAliveTimeout = 72_000; // Fastify's default: longer than a load balancer's idle timeout
      return server;
    },
    // Which X-Forwarded-For to believe (TRUST_PROXY): the sign-in limits count by request.ip.
    // A hop count becomes the function Fastify would build from it (its types omit numbers).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    ...frameworkErrorOptions,
  };
  const app = Fastify(serverOptions);
  // Every JSON route's body is JSON: text/plain (what fetch sends without a content type) is a 415
  // like any other type, not a string that then fails validation as a 400.
  app.removeContentTypeParser('text/plain');
  useZodSchemas(app);
  app.decorate('db', options.db);
  app.decorate('config', config);
  app.decorate('pgListen', options.listen);
  const webhooks = new WebhookQueue(options.db, {
    config: config.webhooks,
    log: app.log,
    ...(options.webhookWorker?.pollingIntervalSeconds === undefined
      ? {}
      : { pollingIntervalSeconds: options.webhookWorker.pollingIntervalSeconds }),
  });
  app.decorate('webhooks', webhooks);
  // Stops claiming deliveries and lets running attempts finish; server.ts closes the database after the app.
  app.addHook('onClose', async () => webhooks.stop());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorHandler);
  // Before every route: both act on all of them (headers on each response, compression per route).
  await app.register(securityHeaders);
  await app.register(compression);
  await app.register(storableInput);
  // Counters in PostgreSQL, so every API process enforces one limit (docs/decisions/0026).
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(options.db) });
  await app.register(auth);
  await app.register(auditWrites);
  await app.register(openApi);
  await app.register(webApp);
  await app.register(apiRoutes);
  await startWebhooks(options.db, webhooks, options.webhookWorker !== undefined, config);
  return app;
}

/**
 * A worker process starts delivering; any other process starts the queue only when the database
 * already has subscriptions (a mutation may have to enqueue), so the many app instances of the
 * test suite that never touch webhooks never create pg-boss's schema.
 */
async function startWebhooks(db: Db, queue: WebhookQueue, worker: boolean, config: Config): Promise<void> {
  if (worker) {
    await queue.work(
      (deliveryId, attempt) => deliverWebhook(db, config.webhooks, deliveryId, attempt),
      async () => void (await pruneWebhookLog(db)),
    );
  } else if (await hasSubscriptions(db)) await queue.start();
}

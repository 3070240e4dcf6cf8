import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fromDrizzle, fromPglite, PgBoss, type ConstructorOptions, type DrizzleTransactionLike } from 'pg-boss';
import type { AnyTx } from '@lastmile/sync/server';
import type { Db } from '../../db/client.ts';
import type { WebhooksConfig } from '../../env.ts';

export const DELIVERY_QUEUE = 'webhook-delivery';
/** Daily, at a quiet hour: the delivery log's retention (prune-webhook-log.ts). */
const PRUNE_QUEUE = 'webhook-prune';
const PRUNE_CRON = '17 3 * * *';

/** The longest wait between two attempts: later retries come every 6 hours. */
const RETRY_DELAY_MAX_SECONDS = 6 * 60 * 60;

export type DeliveryJob = { deliveryId: string };

/** Works one delivery attempt; `final` when no retry follows a failure. Throws to have it retried. */
export type DeliveryWorker = (deliveryId: string, attempt: { final: boolean }) => Promise<void>;

type Log = { error(details: object, message: string): void };

export type WebhookQueueOptions = {
  config: WebhooksConfig;
  log: Log;
  /** How often an idle worker looks for due deliveries; tests shorten it. */
  pollingIntervalSeconds?: number;
};

/**
 * The PostgreSQL job queue behind webhook deliveries (pg-boss, ADR 0032). Jobs live in the same
 * database as the data, in pg-boss's own schema, so a delivery is enqueued in the transaction of
 * the change that caused it, survives restarts and is claimed by one API process at a time.
 *
 * Started lazily: most processes of the test suite never need it, and `start()` creates or
 * migrates the `pgboss` schema. On PGlite (one connection) pg-boss runs through an adapter over the
 * same PGlite instance; its statements wait for the app's transactions like any other query.
 */
export class WebhookQueue {
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private working = false;

  constructor(
    private readonly db: Db,
    private readonly options: WebhookQueueOptions,
  ) {}

  get started(): boolean {
    return this.boss !== null;
  }

  /**
   * Creates (or migrates) pg-boss's schema and the delivery queue; idempotent. `schedule`: this
   * process runs pg-boss's cron (worker processes do; the first start decides).
   */
  start(schedule = false): Promise<PgBoss> {
    this.starting ??= (async () => {
      const boss = new PgBoss({ ...connectionOf(this.db), supervise: true, schedule, migrate: true });
      boss.on('error', (error) => this.options.log.error({ err: error }, 'webhook queue error'));
      await boss.start();
      if (!(await boss.getQueue(DELIVERY_QUEUE))) await boss.createQueue(DELIVERY_QUEUE, { policy: 'exclusive' });
      this.boss = boss;
      return boss;
    })().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  /** Starts delivering in this process (server.ts; tests that deliver), and pruning the log daily. */
  async work(worker: DeliveryWorker, prune: () => Promise<void>): Promise<void> {
    const boss = await this.start(true);
    if (this.working) return;
    this.working = true;
    if (!(await boss.getQueue(PRUNE_QUEUE))) await boss.createQueue(PRUNE_QUEUE, { policy: 'singleton' });
    await boss.schedule(PRUNE_QUEUE, PRUNE_CRON);
    await boss.work(PRUNE_QUEUE, async () => prune());
    const { retryLimit } = this.options.config;
    await boss.work<DeliveryJob>(
      DELIVERY_QUEUE,
      { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1, localConcurrency: 4 },
      async ([job]) => {
        if (job) await worker(job.data.deliveryId, { final: job.retryCount >= retryLimit });
      },
    );
  }

  /**
   * Queues a delivery in the caller's transaction: it runs only if that transaction commits. The
   * delivery's id is the job's singleton key, so one delivery is never queued twice at once.
   * Returns false when it is queued already.
   */
  async enqueue(tx: AnyTx, deliveryId: string): Promise<boolean> {
    if (!this.boss) throw new Error('the webhook queue is not started');
    const { retryLimit, retryDelaySeconds, timeoutMs } = this.options.config;
    const id = await this.boss.send(DELIVERY_QUEUE, { deliveryId } satisfies DeliveryJob, {
      db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql),
      singletonKey: deliveryId,
      retryLimit,
      retryDelay: retryDelaySeconds,
      // Without a delay (tests) the retries come at once: no backoff, and so no cap on it either.
      ...(retryDelaySeconds > 0 ? { retryBackoff: true, retryDelayMax: RETRY_DELAY_MAX_SECONDS } : {}),
      // An attempt that outlives this (a process killed mid-request) is retried by another.
      expireInSeconds: Math.ceil(timeoutMs / 1000) + 60,
    });
    return id !== null;
  }

  /** Stops claiming deliveries, lets running attempts finish, and closes pg-boss's connections. */
  async stop(): Promise<void> {
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.boss = null;
    this.starting = null;
    this.working = false;
    await boss?.stop({ graceful: true, close: true, timeout: 15_000 });
  }
}

/** pg-boss on the app's database: the same PGlite instance, or its own small pool on PostgreSQL. */
function connectionOf(db: Db): ConstructorOptions {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) return { db: fromPglite(client), backend: 'pglite' };
  const url = client instanceof pg.Pool ? client.options.connectionString : undefined;
  if (url) return { connectionString: url, max: 3 };
  throw new Error('the webhook queue needs a PGlite or node-postgres database');
}

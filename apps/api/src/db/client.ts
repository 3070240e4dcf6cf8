import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { AnyDb } from '@lastmile/sync/server';
import * as schema from './schema/index.ts';

/** The app talks to either driver through this type; only this module and migrate.ts know which. */
export type Db = AnyDb;

/** Subscribe to a Postgres NOTIFY channel; resolves to the function that unsubscribes. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

type Common = { close(): Promise<void>; listen: Listen };
export type Database =
  | (Common & { kind: 'pglite'; db: PgliteDatabase<typeof schema>; dumpImage(): Promise<Blob> })
  | (Common & { kind: 'postgres'; db: NodePgDatabase<typeof schema> });

export type OpenDatabaseOptions = {
  /** A PostgreSQL URL; without one the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `null` means in memory (tests). */
  dataDir: string | null;
  /** Background connection errors (an idle pooled client, the LISTEN connection dropping). */
  onError?: (error: unknown) => void;
  /** PGlite only: start from this data directory image (`dumpDataDir`); tests copy one migrated database. */
  pgliteImage?: Blob | undefined;
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const onError = options.onError ?? (() => undefined);
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, onError)
    : openPglite(options.dataDir, options.pgliteImage);
}

async function openPglite(dataDir: string | null, image: Blob | undefined): Promise<Database> {
  let path: string | undefined;
  if (dataDir !== null) {
    path = join(dataDir, 'pglite');
    mkdirSync(path, { recursive: true });
  }
  // pg_trgm backs the office jobs table's search index (migration 0001).
  const client = await PGlite.create(path, { extensions: { pg_trgm }, ...(image ? { loadDataDir: image } : {}) });
  return {
    kind: 'pglite',
    dumpImage: () => client.dumpDataDir('none'),
    db: drizzlePglite({ client, schema }),
    close: () => client.close(),
    listen: (channel, onPayload) => client.listen(channel, onPayload).then((unlisten) => () => unlisten()),
  };
}

async function openPostgres(databaseUrl: string, onError: (error: unknown) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // Idle clients error when the server restarts; unhandled, that event would crash the process.
  pool.on('error', onError);
  // Fail at startup, not on the first request, when the server cannot be reached.
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  probe.release();
  const notifications = new PostgresNotifications(databaseUrl, onError);
  return {
    kind: 'postgres',
    db: drizzlePg({ client: pool, schema }),
    close: async () => {
      await notifications.close();
      await pool.end();
    },
    listen: (channel, onPayload) => notifications.listen(channel, onPayload),
  };
}

/**
 * LISTEN needs one connection that stays open (a pooled one would lose its subscriptions when
 * returned), so notifications get their own client, connected on first use. If that connection
 * drops (server restart), it reconnects and subscribes again; notifications sent meanwhile are
 * lost, which listeners tolerate because clients also pull on their own schedule.
 */
class PostgresNotifications {
  private client: Promise<pg.Client> | null = null;
  private closed = false;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();

  constructor(
    private readonly databaseUrl: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const client = await this.connect();
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    handlers.add(onPayload);
    return async () => {
      const current = this.handlers.get(channel);
      if (!current?.delete(onPayload) || current.size > 0) return;
      this.handlers.delete(channel);
      if (this.client) await (await this.client).query(`UNLISTEN ${quoteIdent(channel)}`);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    this.handlers.clear();
    if (client) await (await client).end();
  }

  private connect(): Promise<pg.Client> {
    this.client ??= (async () => {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', (error) => this.onError(error));
      client.on('end', () => this.reconnectSoon());
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      return client;
    })();
    return this.client;
  }

  private reconnectSoon(): void {
    if (this.closed) return;
    this.client = null;
    setTimeout(() => {
      if (this.closed || this.handlers.size === 0) return;
      this.connect().catch((error: unknown) => {
        this.onError(error);
        this.reconnectSoon();
      });
    }, 1000).unref();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

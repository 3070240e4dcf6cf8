/**
 * What the API benchmarks share: the throwaway database, the engine line, a technician with bulk
 * jobs, the app on a loopback port with an HTTP client signed in, and the results table.
 */
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { newId, workScopes } from '@lastmile/domain';
import { writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { buildApp } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { jobs, users } from '../src/db/schema/index.ts';
import { parseEnv } from '../src/env.ts';
import { toJobRow } from '../src/services/rows.ts';
import type { World } from '../src/sync/test-world.ts';
import { createTestDb, type TestDb } from '../src/test/test-db.ts';

const PASSWORD = 'bench-password-1';

export type BenchApp = Awaited<ReturnType<typeof buildApp>>;

/** A migrated throwaway database: BENCH_DATABASE_URL wins; createTestDb makes (and drops) one on that server, else PGlite. */
export function openBenchDb(): Promise<TestDb> {
  if (process.env['BENCH_DATABASE_URL']) process.env['TEST_DATABASE_URL'] = process.env['BENCH_DATABASE_URL'];
  return createTestDb();
}

/** The database engine, for the first line a benchmark prints. */
export function describeEngine(testDb: TestDb): string {
  return testDb.kind === 'postgres'
    ? `PostgreSQL (throwaway database on ${new URL(process.env['TEST_DATABASE_URL']!).host})`
    : 'PGlite (in-memory WASM Postgres: set TEST_DATABASE_URL for real PostgreSQL)';
}

/** Runs a benchmark's main; any error exits non-zero. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

export type BenchRow = { label: string; count: number; ms: number; goal?: string };

/** The results table: count, time and rate per measurement. */
export function table(
  title: string,
  rows: BenchRow[],
  { countHeader, secondsDigits }: { countHeader: string; secondsDigits: number },
): void {
  console.log(`\n${title}`);
  console.log(
    `  ${'measurement'.padEnd(58)} ${countHeader.padStart(7)} ${'time'.padStart(9)} ${'per second'.padStart(11)}  goal`,
  );
  for (const r of rows) {
    const rate = (r.count / r.ms) * 1000;
    console.log(
      `  ${r.label.padEnd(58)} ${String(r.count).padStart(7)} ${`${(r.ms / 1000).toFixed(secondsDigits)} s`.padStart(9)} ${Math.round(rate).toLocaleString('en-US').padStart(11)}  ${r.goal ?? ''}`,
    );
  }
}

/**
 * `count` copies of the world's second job for the technician, written in bulk with the
 * change-log rows createJob records (buildWorld makes one at a time): `perInsert` rows per
 * multi-row INSERT, `perTransaction` rows per transaction. `fields(n)` sets the n-th job's own values.
 */
export async function addTechJobs(
  db: AnyDb,
  world: World,
  count: number,
  {
    perTransaction,
    perInsert,
    fields,
  }: { perTransaction: number; perInsert: number; fields: (n: number) => { title: string; notes?: string } },
): Promise<string[]> {
  const [template] = await db.select().from(jobs).where(eq(jobs.id, world.jobIds[1]!));
  if (!template) throw new Error('world has no job to copy');
  const ids: string[] = [];
  for (let t = 0; t < count; t += perTransaction) {
    const end = Math.min(count, t + perTransaction);
    await writeInOrg(db, world.orgId, async (tx, rec) => {
      for (let i = t; i < end; i += perInsert) {
        const values = Array.from({ length: Math.min(perInsert, end - i) }, (_, k) => ({
          ...template,
          id: newId(),
          number: `B-${String(i + k).padStart(6, '0')}`,
          assigneeId: world.actors.tech1.userId,
          ...fields(i + k),
          externalRef: null,
        }));
        for (const row of await tx.insert(jobs).values(values).returning()) {
          ids.push(row.id);
          rec.put(
            'jobs',
            toJobRow(row),
            workScopes({ orgId: row.orgId, teamId: row.teamId, userIds: [row.assigneeId] }),
          );
        }
      }
    });
  }
  return ids;
}

/** Gives the user a fresh email and the bench password, for signing in over HTTP. */
export async function benchLogin(db: AnyDb, userId: string): Promise<{ email: string; password: string }> {
  const email = `bench-tech-${newId()}@bench.lastmile.app`;
  await db
    .update(users)
    .set({ email, passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, userId));
  return { email, password: PASSWORD };
}

/** The real Fastify app on a loopback port, silent. Close it when done. */
export async function startBenchApp(testDb: TestDb): Promise<BenchApp> {
  const app = await buildApp({
    db: testDb.db,
    config: { ...parseEnv({}), logLevel: 'silent' },
    listen: testDb.listen,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

/** A signed-in HTTP client of the app: GETs with the session cookie, JSON POSTs with it and the CSRF header; a non-2xx throws. */
export class Api {
  constructor(
    readonly base: string,
    private cookie = '',
    private csrf = '',
  ) {}

  static forApp(app: BenchApp): Api {
    return new Api(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  }

  async signIn({ email, password }: { email: string; password: string }): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('lm_session='));
    if (!setCookie) throw new Error('sign-in set no lm_session cookie');
    this.cookie = setCookie.split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** The session cookie and CSRF header, for requests that are not JSON (photo uploads). */
  headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf };
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}

/**
 * Counts the statements node-postgres sends from this process (the app's pool included) while
 * `counting` is on: docs/benchmarks.md's "statements per push". PGlite is not counted (null).
 */
export class StatementCounter {
  private count = 0;
  private on = false;

  static install(testDb: TestDb): StatementCounter | null {
    if (testDb.kind !== 'postgres') return null;
    const counter = new StatementCounter();
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      if (counter.on) counter.count++;
      return query.apply(this, args);
    };
    return counter;
  }

  /** Counts the statements `fn` sends. */
  async measure(fn: () => Promise<void>): Promise<number> {
    this.count = 0;
    this.on = true;
    try {
      await fn();
    } finally {
      this.on = false;
    }
    return this.count;
  }
}

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { apiKeyFor } from '../../test/api-keys.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, type TestApp } from '../../test/test-app.ts';

/** Who an API key is, what it may do, and when it stops working (ADR 0031). */
let t: TestApp;
let world: OfficeWorld;
const RATE_LIMIT = 5;

beforeAll(async () => {
  t = await createTestApp({ apiKeyRequestsPerMinute: RATE_LIMIT });
  const { orgA } = t.fixtures;
  world = await createOfficeWorld(t.db, { orgId: orgA.id, teamId: orgA.teamId, assigneeId: null, jobCount: 3 });
});
afterAll(async () => t.close());

const admin = () => t.fixtures.orgA.users.admin;
const listJobs = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers });

describe('API key authentication', () => {
  it('opens /api/v1 with a live key and records when it was last used', async () => {
    const key = await apiKeyFor(t.db, admin(), ['read']);
    const res = await listJobs(key.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toHaveLength(3);
    expect(res.headers['x-ratelimit-limit']).toBe(String(RATE_LIMIT));
    const [row] = await queryRows<{ last_used_at: string | null }>(
      t.db,
      sql`select last_used_at from api_keys where id = ${key.id}`,
    );
    expect(row?.last_used_at).not.toBeNull();
  });

  it('takes the Bearer scheme in any case, as HTTP defines it', async () => {
    const key = await apiKeyFor(t.db, admin(), ['read']);
    const secret = key.headers.authorization.replace(/^Bearer /, '');
    for (const scheme of ['bearer', 'BEARER']) {
      expect((await listJobs({ authorization: `${scheme} ${secret}` })).statusCode, scheme).toBe(200);
    }
  });

  it('refuses a missing, malformed or unknown key with 401', async () => {
    for (const authorization of [
      undefined,
      'Bearer',
      'Basic abc',
      'Bearer lmk_short',
      `Bearer lmk_${'x'.repeat(43)}`,
    ]) {
      const res = await listJobs(authorization === undefined ? {} : { authorization });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(errorBody(res).code).toBe('unauthenticated');
    }
  });

  it('is not opened by a browser session, and a key opens no session route', async () => {
    const session = await sessionFor(t.db, admin());
    expect((await listJobs(session)).statusCode).toBe(401);
    const key = await apiKeyFor(t.db, admin(), ['read', 'write']);
    const office = await t.app.inject({ method: 'GET', url: '/api/jobs', headers: key.headers });
    expect(office.statusCode).toBe(401);
  });

  it('refuses a revoked key at once', async () => {
    const key = await apiKeyFor(t.db, admin(), ['read']);
    expect((await listJobs(key.headers)).statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/admin/api-keys/${key.id}/revoke`,
      headers: await sessionFor(t.db, admin()),
    });
    expect(revoke.json()).toEqual({ revoked: true });
    const res = await listJobs(key.headers);
    expect(res.statusCode).toBe(401);
    expect(errorBody(res).message).toMatch(/revoked/);
  });

  it('refuses a key whose admin was deactivated, and opens it again if they come back', async () => {
    const key = await apiKeyFor(t.db, admin(), ['read']);
    expect((await listJobs(key.headers)).statusCode).toBe(200);
    await t.db.execute(sql`update users set active = false where id = ${admin().id}`);
    try {
      const res = await listJobs(key.headers);
      expect(res.statusCode).toBe(401);
      expect(errorBody(res).message).toMatch(/deactivated/);
    } finally {
      await t.db.execute(sql`update users set active = true where id = ${admin().id}`);
    }
    expect((await listJobs(key.headers)).statusCode).toBe(200);
  });

  it('refuses an expired key', async () => {
    const key = await apiKeyFor(t.db, admin(), ['read'], new Date(Date.now() + 60_000).toISOString());
    expect((await listJobs(key.headers)).statusCode).toBe(200);
    await t.db.execute(sql`update api_keys set expires_at = now() - interval '1 second' where id = ${key.id}`);
    const res = await listJobs(key.headers);
    expect(res.statusCode).toBe(401);
    expect(errorBody(res).message).toMatch(/expired/);
  });

  it('refuses every write of a read key with 403 insufficient_scope, and changes nothing', async () => {
    const key = await apiKeyFor(t.db, admin(), ['read']);
    const [job] = world.jobIds;
    const writes = [
      { method: 'POST' as const, url: '/api/v1/jobs', payload: {} },
      { method: 'PATCH' as const, url: `/api/v1/jobs/${job}`, payload: { title: 'Renamed by a read key' } },
      { method: 'POST' as const, url: `/api/v1/jobs/${job}/cancel`, payload: { reason: 'no' } },
    ];
    for (const write of writes) {
      const res = await t.app.inject({ ...write, headers: key.headers });
      expect(res.statusCode, write.url).toBe(403);
      expect(errorBody(res).code).toBe('insufficient_scope');
    }
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job}`, headers: key.headers });
    expect(after.json<{ title: string; status: string }>()).toMatchObject({ status: 'scheduled' });
    expect(after.json<{ title: string }>().title).not.toBe('Renamed by a read key');
  });

  it('limits each key to its requests per minute, in PostgreSQL, without touching other keys', async () => {
    const busy = await apiKeyFor(t.db, admin(), ['read']);
    const quiet = await apiKeyFor(t.db, admin(), ['read']);
    for (let i = 0; i < RATE_LIMIT; i++) expect((await listJobs(busy.headers)).statusCode).toBe(200);
    const limited = await listJobs(busy.headers);
    expect(limited.statusCode).toBe(429);
    expect(errorBody(limited).code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await listJobs(quiet.headers)).statusCode).toBe(200);
  });
});

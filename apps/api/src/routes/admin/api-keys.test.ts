import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeysList, CreatedApiKey } from '@lastmile/domain';
import { apiKeys, auditEvents } from '../../db/schema/index.ts';
import { hashApiKeySecret } from '../../services/api-keys/api-key-secret.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

/** Admins create and revoke organization API keys (ADR 0031). */
let t: TestApp;
let admin: Credentials;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
});
afterAll(async () => t.close());

const create = (payload: unknown, headers: Credentials = admin) =>
  t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers, payload: payload as object });
const list = async (headers: Credentials = admin) =>
  (await t.app.inject({ method: 'GET', url: '/api/admin/api-keys', headers })).json<ApiKeysList>().keys;

describe('/api/admin/api-keys', () => {
  it('shows the secret once, keeps only its hash, and audits the creation', async () => {
    const res = await create({ name: '  ERP sync ', scopes: ['write', 'read'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { key, secret } = res.json<CreatedApiKey>();
    expect(secret).toMatch(/^lmk_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: 'ERP sync', scopes: ['read', 'write'], lastUsedAt: null, revokedAt: null });
    expect(secret.startsWith(key.prefix)).toBe(true);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.secretHash).toBe(hashApiKeySecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await list();
    expect(listed.find((k) => k.id === key.id)).toEqual(key);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(key.prefix.length));
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, key.id), eq(auditEvents.action, 'api_key.created')));
    expect(audit).toMatchObject({ userId: t.fixtures.orgA.users.admin.id, entity: 'api-keys' });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('revokes once (a retry changes nothing) and audits it; another organization finds no key', async () => {
    const { key } = (await create({ name: 'Old BI tool', scopes: ['read'] })).json<CreatedApiKey>();
    const revoke = (headers: Credentials) =>
      t.app.inject({ method: 'POST', url: `/api/admin/api-keys/${key.id}/revoke`, headers });
    const other = await sessionFor(t.db, t.fixtures.orgB.users.admin);
    expect((await revoke(other)).statusCode).toBe(404);
    expect((await revoke(admin)).json()).toEqual({ revoked: true });
    expect((await revoke(admin)).json()).toEqual({ revoked: false });
    expect((await list()).find((k) => k.id === key.id)?.revokedAt).not.toBeNull();
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, key.id), eq(auditEvents.action, 'api_key.revoked')));
    expect(audits).toHaveLength(1);
    expect(await list(other)).toEqual([]);
  });

  it('refuses bad input with 400: no name, no scope, unknown scope, a past expiry, NUL-only or huge names', async () => {
    const bad = [
      { name: '', scopes: ['read'] },
      { name: '\u0000', scopes: ['read'] },
      { name: 'x'.repeat(101), scopes: ['read'] },
      { name: 'k', scopes: [] },
      { name: 'k', scopes: ['admin'] },
      { name: 'k', scopes: ['read'], expiresAt: '2001-01-01T00:00:00Z' },
      { name: 'k', scopes: ['read'], expiresAt: 'tomorrow' },
      { name: 'k', scopes: ['read'], secret: 'mine' },
    ];
    for (const payload of bad) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorBody(res).code).toBe('validation');
    }
  });

  it('is for admins only', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    expect((await create({ name: 'k', scopes: ['read'] }, office)).statusCode).toBe(403);
  });
});

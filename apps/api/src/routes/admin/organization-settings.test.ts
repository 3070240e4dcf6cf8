import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogoInfo, OrganizationSettings } from '@lastmile/domain';
import { auditEvents, organizations } from '../../db/schema/index.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: Credentials;
beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
});
afterAll(async () => t.close());

const patch = (payload: unknown, headers: Credentials = admin) =>
  t.app.inject({ method: 'PATCH', url: '/api/admin/settings/organization', headers, payload: payload as object });
const putLogo = (payload: unknown, headers: Credentials = admin) =>
  t.app.inject({ method: 'PUT', url: '/api/admin/settings/organization/logo', headers, payload: payload as object });
const base64 = (bytes: Buffer) => bytes.toString('base64');

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 1 } } })
    .png()
    .toBuffer();
}

async function auditActions(orgId: string): Promise<string[]> {
  const rows = await t.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entity, 'organization')));
  return rows.map((r) => r.action);
}

describe('organization settings', () => {
  it('starts in UTC, in English, without a logo; the office reads them, only admins change them', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const read = await t.app.inject({ method: 'GET', url: '/api/admin/settings/organization', headers: office });
    expect(read.json<OrganizationSettings>()).toEqual({ name: 'Org A', timeZone: 'UTC', locale: 'en', logo: null });
    const refused = await patch({ name: 'Office Org' }, office);
    expect(refused.statusCode).toBe(403);
  });

  it('changes name, time zone (written the way IANA spells it) and language, audited with before and after', async () => {
    const changed = await patch({ name: '  Acme Heating  ', timeZone: 'europe/warsaw', locale: 'pl' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<OrganizationSettings>()).toMatchObject({
      name: 'Acme Heating',
      timeZone: 'Europe/Warsaw',
      locale: 'pl',
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, t.fixtures.orgA.id), eq(auditEvents.action, 'organization.updated')));
    expect(event?.userId).toBe(t.fixtures.orgA.users.admin.id);
    expect(event?.changes).toEqual([
      { field: 'name', before: 'Org A', after: 'Acme Heating' },
      { field: 'timeZone', before: 'UTC', after: 'Europe/Warsaw' },
      { field: 'locale', before: 'en', after: 'pl' },
    ]);
    // Phones learn the default language with the session.
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: await sessionFor(t.db, t.fixtures.orgA.users.technician),
    });
    expect(me.json<{ org: { name: string; locale: string } }>().org).toMatchObject({
      name: 'Acme Heating',
      locale: 'pl',
    });
    // Invitations now go out in Polish, in the organization's name.
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users/invite',
      headers: admin,
      payload: { name: 'Ola', email: 'ola@a.test', role: 'technician', teamId: null },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const files = await readdir(t.config.mail.dir);
    const mails = await Promise.all(files.map((f) => readFile(join(t.config.mail.dir, f), 'utf8')));
    const mail = mails.find((m) => m.includes('To: ola@a.test')) ?? '';
    expect(mail).toContain('Subject: Zaproszenie do Lastmile: Acme Heating');
    expect(mail).toContain('Dzień dobry, Ola');
    // Another organization is untouched.
    const [b] = await t.db.select().from(organizations).where(eq(organizations.id, t.fixtures.orgB.id));
    expect(b).toMatchObject({ name: 'Org B', timeZone: 'UTC', locale: 'en' });
  });

  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }],
    ['a path', { timeZone: '../../etc/passwd' }],
    ['a huge zone', { timeZone: 'A'.repeat(100_000) }],
    ['a number', { timeZone: 42 }],
    ['an unknown language', { locale: 'de' }],
    ['an empty name', { name: '   ' }],
    ['a name of 100,000 characters', { name: 'n'.repeat(100_000) }],
    ['nothing to change', {}],
    ['a field that does not exist', { name: 'X', logo: 'y' }],
    ['not an object', ['name']],
  ])('refuses %s with a 400 naming the field', async (_what, payload) => {
    const response = await patch(payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorBody(response).code).toBe('validation');
  });

  it('stores a name with a NUL without the NUL, never a 500', async () => {
    const response = await patch({ name: 'Acme\u0000 Heating' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<OrganizationSettings>().name).toBe('Acme Heating');
  });

  it('applies two admins saving at once one after the other: both succeed, both are audited', async () => {
    const before = (await auditActions(t.fixtures.orgA.id)).length;
    const [a, b] = await Promise.all([patch({ name: 'First' }), patch({ name: 'Second' })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, t.fixtures.orgA.id));
    expect(['First', 'Second']).toContain(org?.name);
    expect((await auditActions(t.fixtures.orgA.id)).length).toBe(before + 2);
  });
});

describe('the logo', () => {
  it('takes a PNG, scales it to 1024 px, serves it to everyone in the organization with an ETag', async () => {
    const uploaded = await putLogo({ contentType: 'image/png', data: base64(await png(2000, 500)) });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const info = uploaded.json<LogoInfo>();
    expect(info).toMatchObject({ contentType: 'image/png', width: 1024, height: 256 });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);

    const technician = await sessionFor(t.db, t.fixtures.orgA.users.technician);
    const image = await t.app.inject({ method: 'GET', url: '/api/organization/logo', headers: technician });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect((await sharp(image.rawPayload).metadata()).width).toBe(1024);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/organization/logo',
      headers: { ...technician, 'if-none-match': String(image.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    // Another organization's people see their own (none), never this one.
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/organization/logo',
      headers: await sessionFor(t.db, t.fixtures.orgB.users.admin),
    });
    expect(other.statusCode).toBe(404);
    const settings = await t.app.inject({ method: 'GET', url: '/api/admin/settings/organization', headers: admin });
    expect(settings.json<OrganizationSettings>().logo).toEqual(info);
  });

  it('keeps what the bytes are, whatever the upload claimed: a JPEG sent as PNG is stored as JPEG', async () => {
    const jpeg = await sharp(await png(300, 100))
      .jpeg()
      .toBuffer();
    const uploaded = await putLogo({ contentType: 'image/png', data: base64(jpeg) });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json<LogoInfo>()).toMatchObject({ contentType: 'image/jpeg', width: 300, height: 100 });
  });

  it.each([
    ['a text file', Buffer.from('this is not an image at all, just words')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['a GIF', Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')],
  ])('refuses %s as not a PNG or JPEG', async (_what, bytes) => {
    const response = await putLogo({ contentType: 'image/png', data: base64(bytes) });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorBody(response).detail).toEqual({ key: 'logo.notImage' });
  });

  it('refuses a truncated PNG, a huge canvas in a small file, a wrong type and broken base64 — never a 500', async () => {
    const whole = await png(400, 400);
    const truncated = await putLogo({ contentType: 'image/png', data: base64(whole.subarray(0, whole.length - 40)) });
    expect(truncated.statusCode, truncated.body).toBe(400);
    const canvas = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const huge = await putLogo({ contentType: 'image/png', data: base64(canvas) });
    expect(huge.statusCode, huge.body).toBe(400);
    expect(errorBody(huge).detail?.key).toBe('logo.tooManyPixels');
    const gif = await putLogo({ contentType: 'image/gif', data: base64(whole) });
    expect(gif.statusCode).toBe(400);
    const broken = await putLogo({ contentType: 'image/png', data: '@@not base64@@' });
    expect(broken.statusCode).toBe(400);
    const nul = await putLogo({ contentType: 'image/png', data: 'AAAA\u0000' });
    expect(nul.statusCode).toBe(400);
  });

  it('refuses a file over 512 KB with 413 and the limit, and a body over the server limit with 413', async () => {
    const big = Buffer.alloc(600 * 1024, 7);
    const response = await putLogo({ contentType: 'image/png', data: base64(big) });
    expect(response.statusCode, response.body).toBe(413);
    expect(errorBody(response).detail).toEqual({ key: 'logo.tooLarge', params: { sizeKb: 600, maxKb: 512 } });
    const huge = await putLogo({ contentType: 'image/png', data: base64(Buffer.alloc(3 * 1024 * 1024, 1)) });
    expect(huge.statusCode).toBe(413);
    expect(errorBody(huge).code).toBe('payload_too_large');
  });

  it('is removed by an admin (audited), after which reports show the name alone', async () => {
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/admin/settings/organization/logo',
      headers: admin,
    });
    expect(removed.statusCode).toBe(204);
    const image = await t.app.inject({ method: 'GET', url: '/api/organization/logo', headers: admin });
    expect(image.statusCode).toBe(404);
    const actions = await auditActions(t.fixtures.orgA.id);
    expect(actions).toEqual(expect.arrayContaining(['organization.logo_changed', 'organization.logo_removed']));
    const twice = await t.app.inject({
      method: 'DELETE',
      url: '/api/admin/settings/organization/logo',
      headers: admin,
    });
    expect(twice.statusCode).toBe(204);
    expect((await auditActions(t.fixtures.orgA.id)).filter((a) => a === 'organization.logo_removed')).toHaveLength(1);
  });
});

describe('review and photo settings', () => {
  it('are audited with what they were and what they became', async () => {
    const review = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/review',
      headers: admin,
      payload: { mode: 'lead_then_office' },
    });
    expect(review.statusCode, review.body).toBe(200);
    const photos = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/photos',
      headers: admin,
      payload: { maxPerJob: 50 },
    });
    expect(photos.statusCode, photos.body).toBe(200);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, t.fixtures.orgA.id), eq(auditEvents.entity, 'organization')));
    expect(rows.find((r) => r.action === 'settings.review_changed')?.changes).toEqual([
      { field: 'reviewMode', before: 'office', after: 'lead_then_office' },
    ]);
    const photoChange = rows.find((r) => r.action === 'settings.photos_changed')?.changes[0];
    expect(photoChange).toMatchObject({ field: 'photos', before: { maxPerJob: 200 }, after: { maxPerJob: 50 } });
  });
});

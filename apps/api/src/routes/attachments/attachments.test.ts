import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { attachments, organizations } from '../../db/schema/index.ts';
import { parseEnv } from '../../env.ts';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import { sweepDeletedAttachments } from '../../attachments/sweep-deleted.ts';
import { toAttachmentRow } from '../../services/attachment-rows.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { jobPhotoArgs } from '../../test/job-photo.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * Photos end to end on the server: the record by push, the bytes by tus (in pieces, resumed),
 * verified before anyone can download them; and every way a client can get it wrong refused
 * with a clear 4xx, nothing stored, nothing visible.
 */
const PASSWORD = 'correct horse battery';
const TUS = { 'tus-resumable': '1.0.0' };
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let other: World;
let dataDir: string;
let s: Record<'tech1' | 'tech2' | 'lead' | 'office' | 'stranger', HttpSession>;
let jpeg: Buffer;

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash });
  other = await buildWorld(testDb.db, { passwordHash, name: 'Another company' });
  dataDir = mkdtempSync(join(tmpdir(), 'lm-attachments-'));
  app = await buildApp({
    db: testDb.db,
    config: parseEnv({ DATA_DIR: dataDir }),
    listen: testDb.listen,
    logger: false,
  });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
    stranger: await signInForTest(app, other.emails.office, PASSWORD),
  };
  jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } })
    .jpeg({ quality: 90 })
    .toBuffer();
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const b64 = (text: string) => Buffer.from(text).toString('base64');
let seq = 0;

async function push(session: HttpSession, name: string, args: Record<string, unknown>) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(session),
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: `attachments-${++seq}-${Date.now()}`,
      mutations: [{ id: 1, name, args, clientTime: '2026-11-21T09:00:00.000Z', baseVersion: 0 }],
    },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ results: { status: string; code?: string; reason?: string }[] }>().results[0]!;
}

/** A job photo recorded by `session` on job 1 (tech1's), for these bytes unless told otherwise. */
async function record(session: HttpSession, bytes: Buffer, overrides: Record<string, unknown> = {}) {
  const args = jobPhotoArgs(world.jobIds[1], bytes, overrides);
  const result = await push(session, 'addAttachment', args);
  const id = args.id;
  return { id, result };
}

function create(session: HttpSession, id: string, length: number, body?: Buffer) {
  return app.inject({
    method: 'POST',
    url: '/api/attachments/uploads',
    headers: {
      ...authHeaders(session),
      ...TUS,
      'upload-length': String(length),
      'upload-metadata': `attachmentId ${b64(id)}`,
      ...(body ? { 'content-type': 'application/offset+octet-stream' } : {}),
    },
    ...(body ? { payload: body } : {}),
  });
}

function patch(session: HttpSession, id: string, offset: number, body: Buffer) {
  return app.inject({
    method: 'PATCH',
    url: `/api/attachments/uploads/${id}`,
    headers: {
      ...authHeaders(session),
      ...TUS,
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    payload: body,
  });
}

function head(session: HttpSession, id: string) {
  return app.inject({
    method: 'HEAD',
    url: `/api/attachments/uploads/${id}`,
    headers: { ...authHeaders(session), ...TUS },
  });
}

function download(session: HttpSession, id: string, suffix = '', headers: Record<string, string> = {}) {
  return app.inject({
    method: 'GET',
    url: `/api/attachments/${id}${suffix}`,
    headers: { ...authHeaders(session), ...headers },
  });
}

describe('a photo taken offline reaches the office', () => {
  it('uploads in pieces, resumes from the server offset, and is served only once verified', async () => {
    const { id, result } = await record(s.tech1, jpeg);
    expect(result.status).toBe('applied');

    expect((await create(s.tech1, id, jpeg.length)).statusCode).toBe(201);
    const half = Math.floor(jpeg.length / 2);
    expect((await patch(s.tech1, id, 0, jpeg.subarray(0, half))).statusCode).toBe(204);
    // Nothing is served while bytes are missing.
    expect((await download(s.office, id)).statusCode).toBe(409);

    // The phone lost its place: it asks, and continues from there — not from zero.
    const asked = await head(s.tech1, id);
    expect(asked.statusCode).toBe(200);
    expect(asked.headers['upload-offset']).toBe(String(half));
    // A piece sent for the wrong offset is refused (tus 409), nothing appended; not the 409 of a
    // verified photo, which the phone takes as "done" (its key, below).
    const wrongOffset = await patch(s.tech1, id, 0, jpeg.subarray(0, 10));
    expect(wrongOffset.statusCode).toBe(409);
    expect(JSON.parse(wrongOffset.body)).not.toHaveProperty('detail');
    expect((await patch(s.tech1, id, half, jpeg.subarray(half))).statusCode).toBe(204);

    const full = await download(s.office, id);
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.equals(jpeg)).toBe(true);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.headers['etag']).toBe(`"${sha256(jpeg)}"`);
    expect(full.headers['cache-control']).toContain('immutable');
    expect(full.headers['x-content-type-options']).toBe('nosniff');
    // The route's own policy wins over the app's, and its own caching over the API's no-store.
    expect(full.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    // Images are already compressed: sent as they are, whatever the browser accepts.
    const asBrotli = await download(s.office, id, '', { 'accept-encoding': 'br, gzip' });
    expect(asBrotli.headers['content-encoding']).toBeUndefined();
    expect(asBrotli.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await download(s.office, id, '', { 'if-none-match': `"${sha256(jpeg)}"` })).statusCode).toBe(304);

    const thumb = await download(s.lead, id, '/thumbnail');
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);

    // A second upload over a verified photo is refused, and the bytes stay the first ones.
    const again = await create(s.tech1, id, jpeg.length, jpeg);
    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({ code: 'conflict', detail: { key: 'photo.verifiedAlready' } });
    // A HEAD has no body to carry the key: its 409 can only mean verified (tus answers a HEAD 200 or 404).
    expect((await head(s.tech1, id)).statusCode).toBe(409);
  });

  it('takes a whole photo in one request (creation with upload)', async () => {
    const { id } = await record(s.tech1, jpeg);
    const res = await create(s.tech1, id, jpeg.length, jpeg);
    expect(res.statusCode).toBe(201);
    expect(res.headers['upload-offset']).toBe(String(jpeg.length));
    expect((await download(s.tech1, id)).statusCode).toBe(200);
  });

  it('takes a photo whose id the phone writes in upper case (as Swift does), in pieces, to the end', async () => {
    const upper = newId().toUpperCase();
    const { id, result } = await record(s.tech1, jpeg, { id: upper });
    expect(result.status).toBe('applied');
    expect(id).toBe(upper);
    const created = await create(s.tech1, upper, jpeg.length);
    expect(created.statusCode).toBe(201);
    const half = Math.floor(jpeg.length / 2);
    expect((await patch(s.tech1, upper, 0, jpeg.subarray(0, half))).statusCode).toBe(204);
    expect((await head(s.tech1, upper)).headers['upload-offset']).toBe(String(half));
    expect((await patch(s.tech1, upper, half, jpeg.subarray(half))).statusCode).toBe(204);
    const full = await download(s.office, upper.toLowerCase());
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.equals(jpeg)).toBe(true);
  });

  it('answers a thumbnail of a verified photo the image library cannot open with a placeholder, not a 500', async () => {
    // Starts as a JPEG (the upload's check reads the first bytes), then stops making sense.
    const broken = Buffer.concat([jpeg.subarray(0, 64), Buffer.alloc(4096, 7)]);
    const { id } = await record(s.tech1, broken);
    expect((await create(s.tech1, id, broken.length, broken)).statusCode).toBe(201);
    const thumb = await download(s.office, id, '/thumbnail');
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['x-lastmile-thumbnail']).toBe('placeholder');
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('webp');
    // The photo itself is served as the phone took it.
    expect((await download(s.office, id)).rawPayload.equals(broken)).toBe(true);
  });

  it('shows a photo only to those who see its job, never to another organization', async () => {
    const { id } = await record(s.tech1, jpeg);
    await create(s.tech1, id, jpeg.length, jpeg);
    expect((await download(s.tech1, id)).statusCode).toBe(200);
    expect((await download(s.lead, id)).statusCode).toBe(200);
    expect((await download(s.tech2, id)).statusCode).toBe(404);
    expect((await download(s.stranger, id)).statusCode).toBe(404);
    expect((await download(s.stranger, id, '/thumbnail')).statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: `/api/attachments/${id}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('bad uploads are refused with a clear error, and nothing is stored or visible', () => {
  it('refuses bytes whose SHA-256 differs from the record', async () => {
    const { id } = await record(s.tech1, jpeg);
    const tampered = Buffer.from(jpeg);
    tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 0xff;
    const res = await create(s.tech1, id, tampered.length, tampered);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'validation', message: expect.stringMatching(/SHA-256/) });
    expect((await download(s.office, id)).statusCode).toBe(409);
    // The discarded upload is gone: the phone starts over.
    expect((await head(s.tech1, id)).statusCode).toBe(404);
    // …and the right bytes are then accepted.
    expect((await create(s.tech1, id, jpeg.length, jpeg)).statusCode).toBe(201);
    expect((await download(s.office, id)).statusCode).toBe(200);
  });

  it('refuses a length that is not the record size', async () => {
    const { id } = await record(s.tech1, jpeg);
    const res = await create(s.tech1, id, jpeg.length + 1);
    expect(res.statusCode).toBe(400);
    expect((JSON.parse(res.body) as { message: string }).message).toMatch(/Upload-Length/);
  });

  it('refuses an HTML file renamed .jpg, even with a matching hash and size', async () => {
    const html = Buffer.from('<!doctype html><script>alert(1)</script>'.padEnd(400, ' '));
    const { id } = await record(s.tech1, html);
    const res = await create(s.tech1, id, html.length, html);
    expect(res.statusCode).toBe(400);
    expect((JSON.parse(res.body) as { message: string }).message).toMatch(/not an image/);
    expect((await download(s.tech1, id)).statusCode).toBe(409);
  });

  it('refuses a record over the organization limit or of a type not allowed', async () => {
    const big = await record(s.tech1, jpeg, { size: 50 * 1024 * 1024 });
    expect(big.result).toMatchObject({ status: 'refused', code: 'validation' });
    expect(big.result.reason).toMatch(/largest allowed/);
    const gif = await record(s.tech1, jpeg, { contentType: 'image/gif' });
    expect(gif.result).toMatchObject({ status: 'refused', code: 'validation' });
    // Its bytes then have nowhere to go, and the answer says so (not "sync first": that loops).
    const upload = await create(s.tech1, gif.id, jpeg.length, jpeg);
    expect(upload.statusCode).toBe(404);
    expect(upload.json()).toMatchObject({
      message: expect.stringMatching(/was refused .*nothing to upload/),
      detail: { key: 'photo.refused' },
    });
  });

  it('answers the upload of a deleted photo, or of one whose record is still to come, for what it is', async () => {
    const { id } = await record(s.tech1, jpeg);
    expect(await push(s.tech1, 'deleteAttachment', { id })).toMatchObject({ status: 'applied' });
    const deleted = await create(s.tech1, id, jpeg.length, jpeg);
    expect([deleted.statusCode, deleted.json()]).toMatchObject([404, { detail: { key: 'photo.deleted' } }]);
    const early = await create(s.tech1, newId(), jpeg.length, jpeg);
    expect([early.statusCode, early.json()]).toMatchObject([404, { detail: { key: 'photo.noRecordYet' } }]);
  });

  it('refuses uploads by anyone but the person who took the photo', async () => {
    const { id } = await record(s.tech1, jpeg);
    const res = await create(s.lead, id, jpeg.length, jpeg);
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'forbidden' });
    const stranger = await create(s.stranger, id, jpeg.length, jpeg);
    expect(stranger.statusCode).toBe(404);
    expect((await download(s.tech1, id)).statusCode).toBe(409);
  });

  it('refuses ids that are not photo ids, path-like ones included', async () => {
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'not-a-uuid', '%2E%2E']) {
      const res = await app.inject({
        method: 'HEAD',
        url: `/api/attachments/uploads/${bad}`,
        headers: { ...authHeaders(s.tech1), ...TUS },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const named = await create(s.tech1, '../../escape', 10);
    expect(named.statusCode).toBe(400);
    expect((await download(s.tech1, 'not-a-uuid')).statusCode).toBe(400);
    // Bytes for a record the server has not received yet: 404, the phone syncs first.
    expect((await create(s.tech1, newId(), 10)).statusCode).toBe(404);
  });

  it('answers bytes sent without the tus content type with a 415 that names it', async () => {
    const { id } = await record(s.tech1, jpeg);
    expect((await create(s.tech1, id, jpeg.length)).statusCode).toBe(201);
    for (const type of [undefined, 'application/json', 'image/jpeg', 'text/plain']) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/attachments/uploads/${id}`,
        headers: {
          ...authHeaders(s.tech1),
          ...TUS,
          'upload-offset': '0',
          ...(type ? { 'content-type': type } : {}),
        },
        payload: jpeg,
      });
      expect(res.statusCode, type).toBe(415);
      expect(JSON.parse(res.body), type).toEqual({
        code: 'unsupported_media_type',
        message: expect.stringContaining('Content-Type: application/offset+octet-stream (tus)'),
      });
    }
    // The same for the first bytes sent with the creation; the upload still takes its bytes.
    const { id: other } = await record(s.tech1, jpeg);
    const withJson = await app.inject({
      method: 'POST',
      url: '/api/attachments/uploads',
      headers: {
        ...authHeaders(s.tech1),
        ...TUS,
        'upload-length': String(jpeg.length),
        'upload-metadata': `attachmentId ${b64(other)}`,
        'content-type': 'application/json',
      },
      payload: jpeg,
    });
    expect([withJson.statusCode, withJson.json<{ code: string }>().code]).toEqual([415, 'unsupported_media_type']);
    expect((await patch(s.tech1, id, 0, jpeg)).statusCode).toBe(204);
  });

  it('refuses tus concatenation (Upload-Concat) as a client mistake, not a 500', async () => {
    const { id } = await record(s.tech1, jpeg);
    for (const concat of ['partial', `final;/api/attachments/uploads/${id}`]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/attachments/uploads',
        headers: {
          ...authHeaders(s.tech1),
          ...TUS,
          'upload-length': String(jpeg.length),
          'upload-metadata': `attachmentId ${b64(id)}`,
          'upload-concat': concat,
        },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation', message: expect.stringMatching(/Upload-Concat/) });
    }
  });

  it('needs a session and the CSRF token to upload', async () => {
    const { id } = await record(s.tech1, jpeg);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/attachments/uploads',
      headers: { ...TUS, 'upload-length': String(jpeg.length), 'upload-metadata': `attachmentId ${b64(id)}` },
    });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/attachments/uploads',
      headers: {
        cookie: s.tech1.cookie,
        ...TUS,
        'upload-length': String(jpeg.length),
        'upload-metadata': `attachmentId ${b64(id)}`,
      },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('the record', () => {
  it('takes a null caption as no caption, as clients that write missing fields as null send it', async () => {
    const { id, result } = await record(s.tech1, jpeg, { caption: null });
    expect(result).toMatchObject({ status: 'applied' });
    const [row] = await testDb.db.select().from(attachments).where(eq(attachments.id, id));
    expect(row?.caption).toBe('');
  });

  it('may be captioned and deleted by the person who took it, not by a colleague', async () => {
    const { id } = await record(s.tech1, jpeg);
    expect(await push(s.tech2, 'setAttachmentCaption', { id, caption: 'mine now' })).toMatchObject({
      status: 'refused',
    });
    expect(await push(s.tech1, 'setAttachmentCaption', { id, caption: 'Boiler plate' })).toMatchObject({
      status: 'applied',
    });
    expect(await push(s.tech2, 'deleteAttachment', { id })).toMatchObject({ status: 'refused' });
    expect(await push(s.tech1, 'deleteAttachment', { id })).toMatchObject({ status: 'applied' });
    expect((await create(s.tech1, id, jpeg.length, jpeg)).statusCode).toBe(404);
  });

  it("once deleted, leaves the blob store too: the photo's bytes and its thumbnail", async () => {
    const { id } = await record(s.tech1, jpeg);
    expect((await create(s.tech1, id, jpeg.length, jpeg)).statusCode).toBe(201);
    expect((await download(s.office, id, '/thumbnail')).statusCode).toBe(200);
    const blobs = createBlobStore(parseEnv({ DATA_DIR: dataDir }));
    const keys = { original: `${world.orgId}/${id}`, thumbnail: `${world.orgId}/${id}.thumb.webp` };
    expect(await blobs.head(keys.original)).not.toBeNull();
    expect(await blobs.head(keys.thumbnail)).not.toBeNull();

    expect(await push(s.tech1, 'deleteAttachment', { id })).toMatchObject({ status: 'applied' });
    expect((await download(s.office, id)).statusCode).toBe(404);
    expect(await sweepDeletedAttachments(testDb.db, blobs)).toBeGreaterThanOrEqual(1);
    expect(await blobs.head(keys.original)).toBeNull();
    expect(await blobs.head(keys.thumbnail)).toBeNull();
    const [row] = await testDb.db.select().from(attachments).where(eq(attachments.id, id));
    expect(row).toBeUndefined();
    // Deleting it again is "not found", not a second deletion.
    expect(await push(s.tech1, 'deleteAttachment', { id })).toMatchObject({ status: 'refused', code: 'not_found' });
  });

  it('keeps where a photo was taken only when the organization turns locations on', async () => {
    const location = { lat: 51.4545, lng: -2.5879, accuracyM: 12 };
    const pull = async (id: string) => {
      const [row] = await testDb.db.select().from(attachments).where(eq(attachments.id, id));
      return toAttachmentRow(row!);
    };
    const off = await record(s.tech1, jpeg, { location });
    expect(off.result.status).toBe('applied');
    expect((await pull(off.id)).location).toBeNull();
    await testDb.db
      .update(organizations)
      .set({ settings: { photos: { keepLocation: true } } })
      .where(eq(organizations.id, world.orgId));
    const on = await record(s.tech1, jpeg, { location });
    expect((await pull(on.id)).location).toEqual(location);
    await testDb.db.update(organizations).set({ settings: {} }).where(eq(organizations.id, world.orgId));
    const bad = await record(s.tech1, jpeg, { location: { lat: 91, lng: 0, accuracyM: 5 } });
    expect(bad.result).toMatchObject({ status: 'refused', code: 'validation' });
  });

  it('belongs to an item or a message only for those who may touch it', async () => {
    const itemId = newId();
    const raised = await push(s.tech1, 'addOutstandingItem', {
      id: itemId,
      title: 'Cracked flue collar',
      description: '',
      jobId: world.jobIds[1],
      siteId: null,
      ownerId: null,
      dueDate: null,
      priority: 'normal',
    });
    expect(raised.status).toBe('applied');
    const onItem = { kind: 'item', jobId: null, itemId };
    expect((await record(s.tech1, jpeg, onItem)).result.status).toBe('applied');
    expect((await record(s.tech2, jpeg, onItem)).result).toMatchObject({ status: 'refused', code: 'forbidden' });

    const messageId = newId();
    expect(
      (await push(s.tech1, 'postJobMessage', { id: messageId, jobId: world.jobIds[1], body: 'Is this the valve?' }))
        .status,
    ).toBe('applied');
    const onMessage = { kind: 'message', messageId };
    expect((await record(s.tech1, jpeg, onMessage)).result.status).toBe('applied');
    expect((await record(s.lead, jpeg, onMessage)).result).toMatchObject({ status: 'refused', code: 'forbidden' });
    // A message photo must name the message's job.
    expect((await record(s.tech1, jpeg, { ...onMessage, jobId: world.jobIds[3] })).result.status).toBe('refused');
  });

  it('is refused on a job the person does not work on', async () => {
    const { result } = await record(s.tech2, jpeg);
    expect(result).toMatchObject({ status: 'refused', code: 'forbidden' });
  });
});

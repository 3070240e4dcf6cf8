import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { jobPhotoArgs } from '../../test/job-photo.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * Crew mode and photo bytes (ADR 0033): a member's photo recorded on a shared phone is uploaded by
 * that phone's own session — also after the member left its crew, since the upload queue sends
 * photos whenever signal allows. Nobody else gains the right to send those bytes.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let other: World;
let dataDir: string;
let jpeg: Buffer;

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 2 });
  other = await buildWorld(testDb.db, { passwordHash, jobCount: 1, name: 'Another company' });
  dataDir = mkdtempSync(join(tmpdir(), 'lm-crew-uploads-'));
  app = await buildApp({
    db: testDb.db,
    config: parseEnv({ DATA_DIR: dataDir }),
    listen: testDb.listen,
    logger: false,
  });
  jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#a73' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

type Phone = { session: HttpSession; clientId: string; next: number };

async function newPhone(email: string): Promise<Phone> {
  const phone = { session: await signInForTest(app, email, PASSWORD), clientId: `crewup${newId()}`, next: 1 };
  // The server learns which device a session is on at its first sync.
  const pulled = await app.inject({
    method: 'POST',
    url: '/api/sync/pull',
    headers: authHeaders(phone.session),
    payload: { schemaVersion: SCHEMA_VERSION, clientId: phone.clientId, cursor: null },
  });
  expect(pulled.statusCode, pulled.body).toBe(200);
  return phone;
}

async function push(phone: Phone, name: string, args: unknown, actorId: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(phone.session),
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: phone.clientId,
      mutations: [{ id: phone.next++, name, args, clientTime: new Date().toISOString(), baseVersion: 0, actorId }],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: { status: string }[] }>().results[0]!;
}

function crew(phone: Phone, path: '' | '/leave', body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/auth/crew${path}`,
    headers: authHeaders(phone.session),
    payload: { clientId: phone.clientId, ...body },
  });
}

function upload(session: HttpSession, id: string) {
  return app.inject({
    method: 'POST',
    url: '/api/attachments/uploads',
    headers: {
      ...authHeaders(session),
      'tus-resumable': '1.0.0',
      'upload-length': String(jpeg.length),
      'upload-metadata': `attachmentId ${Buffer.from(id).toString('base64')}`,
      'content-type': 'application/offset+octet-stream',
    },
    payload: jpeg,
  });
}

describe('a crew member’s photo on a shared phone', () => {
  it('is uploaded by the phone after the member left its crew, and by no one else', async () => {
    const phone = await newPhone(world.emails.tech1);
    const lead = world.actors.lead.userId;
    expect((await crew(phone, '', { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);
    const photo = jobPhotoArgs(world.jobIds[1], jpeg, {
      width: 320,
      height: 240,
      capturedAt: new Date().toISOString(),
    });
    const id = photo.id;
    expect(await push(phone, 'addAttachment', photo, lead)).toMatchObject({ status: 'applied' });
    const left = await crew(phone, '/leave', { userId: lead });
    expect(left.statusCode, left.body).toBe(200);

    // Another device of the phone's own person, a colleague, another organization: still refused.
    const otherPhone = await newPhone(world.emails.tech1);
    expect((await upload(otherPhone.session, id)).statusCode).toBe(403);
    const colleague = await newPhone(world.emails.tech2);
    expect((await upload(colleague.session, id)).statusCode).toBe(403);
    const stranger = await newPhone(other.emails.tech1);
    expect((await upload(stranger.session, id)).statusCode).toBe(404);

    const sent = await upload(phone.session, id);
    expect(sent.statusCode, sent.body).toBe(201);
    const served = await app.inject({
      method: 'GET',
      url: `/api/attachments/${id}`,
      headers: authHeaders(phone.session),
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(jpeg)).toBe(true);
  });
});

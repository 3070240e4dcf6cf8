import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
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
 * Two requests for one photo's bytes at once, through a real socket (inject cannot hold a body
 * open): the phone starts an upload over (POST with the bytes) while an older PATCH of it is still
 * writing — a reload, a second tab, a retry after a dropped connection the server has not noticed.
 * Neither may fail on the server, and what is verified is one whole upload.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let dataDir: string;
let base: string;
let tech1: HttpSession;
let jpeg: Buffer;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 2 });
  dataDir = mkdtempSync(join(tmpdir(), 'lm-upload-race-'));
  app = await buildApp({
    db: testDb.db,
    config: parseEnv({ DATA_DIR: dataDir }),
    listen: testDb.listen,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  tech1 = await signInForTest(app, world.emails.tech1, PASSWORD);
  // Noise, so the JPEG is large enough to arrive in several pieces.
  const noise = Buffer.alloc(600 * 400 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  jpeg = await sharp(noise, { raw: { width: 600, height: 400, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const TUS = { 'tus-resumable': '1.0.0' };
const OCTETS = { 'content-type': 'application/offset+octet-stream' };

function uploadRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | ReadableStream<Uint8Array>,
) {
  return fetch(`${base}/api/attachments/uploads${path}`, {
    method,
    headers: { ...authHeaders(tech1), ...TUS, ...headers },
    ...(body ? { body, duplex: 'half' } : {}),
  });
}

async function recordPhoto(): Promise<string> {
  const id = newId();
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(tech1),
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: `race${newId()}`,
      mutations: [
        {
          id: 1,
          name: 'addAttachment',
          args: jobPhotoArgs(world.jobIds[1], jpeg, {
            id,
            width: 600,
            height: 400,
            capturedAt: new Date().toISOString(),
          }),
          clientTime: new Date().toISOString(),
          baseVersion: 0,
        },
      ],
    },
  });
  expect(res.json<{ results: { status: string }[] }>().results[0]?.status).toBe('applied');
  return id;
}

/** Bytes of the upload on the server's disk: a HEAD would take the upload's lock and stop the PATCH. */
async function bytesOnDisk(id: string): Promise<number> {
  return (await stat(join(app.config.uploadDir, id)).catch(() => ({ size: -1 }))).size;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request body this test feeds by hand: the server sees a client that is still sending. */
function heldBody(): { stream: ReadableStream<Uint8Array>; feed: ReadableStreamDefaultController<Uint8Array> } {
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (controller) => void (feed = controller) });
  return { stream, feed };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await pause(25);
}

describe('an upload started over while a PATCH is writing', () => {
  it('answers both without a server error, and verifies one whole upload', async () => {
    const id = await recordPhoto();
    const metadata = `attachmentId ${Buffer.from(id).toString('base64')}`;
    const length = String(jpeg.length);
    expect((await uploadRequest('POST', '', { 'upload-length': length, 'upload-metadata': metadata })).status).toBe(
      201,
    );

    // The older PATCH: half the bytes, then its body stays open until this test goes on.
    const half = Math.floor(jpeg.length / 2);
    const olderBody = heldBody();
    olderBody.feed.enqueue(jpeg.subarray(0, half));
    const older = uploadRequest('PATCH', `/${id}`, { 'upload-offset': '0', ...OCTETS }, olderBody.stream);
    await until(async () => (await bytesOnDisk(id)) === half);
    expect(await bytesOnDisk(id)).toBe(half);

    // The newer request starts the upload over; its bytes are held back too (after a first piece:
    // fetch sends the headers with it). It waits for the PATCH's lock, and tus asks the PATCH to
    // stop within a few seconds…
    const newerBody = heldBody();
    newerBody.feed.enqueue(jpeg.subarray(0, 1000));
    const newer = uploadRequest(
      'POST',
      '',
      { 'upload-length': length, 'upload-metadata': metadata, ...OCTETS },
      newerBody.stream,
    );
    await pause(300);
    // …in which the PATCH writes its last byte, and is checked; then the newer bytes arrive.
    olderBody.feed.enqueue(jpeg.subarray(half));
    olderBody.feed.close();
    await pause(500);
    newerBody.feed.enqueue(jpeg.subarray(1000));
    newerBody.feed.close();

    const answers = await Promise.all([older, newer]);
    console.log(
      'DEBUG',
      await Promise.all(
        answers.map(async (r) => `${r.status} ${r.headers.get('upload-offset')} ${await r.clone().text()}`),
      ),
    );
    const statuses = await Promise.all(answers.map(async (r) => `${r.status} ${await r.text()}`));
    for (const answer of answers) expect(answer.status, statuses.join(' | ')).toBeLessThan(500);
    expect(
      answers.some((r) => r.status === 201 || r.status === 204),
      statuses.join(' | '),
    ).toBe(true);

    const served = await app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: authHeaders(tech1) });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(jpeg)).toBe(true);
  });
});

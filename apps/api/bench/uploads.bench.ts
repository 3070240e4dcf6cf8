/**
 * Photo uploads over loopback: 50 photos of 2 MB sent the way the phone sends them (tus,
 * creation-with-upload, one after another; each verified — size, magic bytes, SHA-256 — and
 * moved into the directory BlobStore, the record flipped to `available`), next to a raw HTTP PUT
 * of the same bytes to a bare node:http server that streams them into a file on the same disk.
 * Rounds alternate (tus, PUT, tus, PUT…) and the median round counts, so both see the same
 * machine. Goal: tus within 1.5× of the raw PUT.
 *
 *   pnpm bench uploads             (PGlite; BENCH_DATABASE_URL for real PostgreSQL)
 *   BENCH_PHOTOS=50 BENCH_PHOTO_MB=2 BENCH_ROUNDS=3
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { buildApp } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { parseEnv } from '../src/env.ts';
import { buildWorld } from '../src/sync/test-world.ts';
import { Api, describeEngine, openBenchDb, runBench, table, type BenchRow } from './bench-kit.ts';

const PHOTOS = Number(process.env['BENCH_PHOTOS'] ?? 50);
const MB = Number(process.env['BENCH_PHOTO_MB'] ?? 2);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const PASSWORD = 'bench-password-1';

/** A "JPEG" as far as the server's checks go: the JPEG magic number, then incompressible bytes. */
function photo(): Buffer {
  const bytes = randomBytes(MB * 1024 * 1024);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return bytes;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

runBench(async () => {
  const testDb = await openBenchDb();
  const dataDir = mkdtempSync(join(tmpdir(), 'lm-bench-uploads-'));
  const putDir = mkdtempSync(join(tmpdir(), 'lm-bench-put-'));
  const world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD) });
  const app = await buildApp({
    db: testDb.db,
    config: { ...parseEnv({ DATA_DIR: dataDir }), logLevel: 'silent' },
    listen: testDb.listen,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const api = Api.forApp(app);
  await api.signIn({ email: world.emails.tech1, password: PASSWORD });

  let putCount = 0;
  // `?sync` also flushes the file to disk before answering, as the BlobStore does for a verified
  // photo: the share of the gap that is durability, not protocol.
  const raw = createServer((req, res) => {
    const path = join(putDir, `put-${putCount++}`);
    pipeline(req, createWriteStream(path))
      .then(async () => {
        if (req.url?.includes('sync')) {
          const file = await open(path, 'r+');
          await file.sync();
          await file.close();
        }
      })
      .then(
        () => res.writeHead(201).end(),
        () => res.writeHead(500).end(),
      );
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;

  const photos = Array.from({ length: PHOTOS }, photo);
  const hashes = photos.map((p) => createHash('sha256').update(p).digest('hex'));
  let clientSeq = 0;

  /** One round of the phone's way: records pushed first (not timed), then the bytes one by one. */
  async function tusRound(): Promise<number> {
    const ids = photos.map(() => newId());
    const clientId = `bench-uploads-${++clientSeq}-${Date.now()}`;
    await api.post('/api/sync/push', {
      schemaVersion: SCHEMA_VERSION,
      clientId,
      mutations: ids.map((id, i) => ({
        id: i + 1,
        name: 'addAttachment',
        args: {
          id,
          kind: 'job',
          jobId: world.jobIds[1],
          contentType: 'image/jpeg',
          size: photos[i]!.length,
          sha256: hashes[i],
          width: 2048,
          height: 1536,
          capturedAt: new Date().toISOString(),
        },
        clientTime: new Date().toISOString(),
        baseVersion: 0,
      })),
    });
    const started = performance.now();
    for (const [i, id] of ids.entries()) {
      const res = await fetch(`${api.base}/api/attachments/uploads`, {
        method: 'POST',
        headers: {
          ...api.headers(),
          'tus-resumable': '1.0.0',
          'upload-length': String(photos[i]!.length),
          'upload-metadata': `attachmentId ${Buffer.from(id).toString('base64')}`,
          'content-type': 'application/offset+octet-stream',
        },
        body: photos[i]!,
      });
      if (res.status !== 201) throw new Error(`tus upload answered ${res.status}: ${await res.text()}`);
    }
    return performance.now() - started;
  }

  async function putRound(sync = false): Promise<number> {
    const started = performance.now();
    for (const bytes of photos) {
      const res = await fetch(`${rawUrl}/${sync ? 'sync' : ''}`, { method: 'PUT', body: bytes });
      if (res.status !== 201) throw new Error(`raw PUT answered ${res.status}`);
    }
    return performance.now() - started;
  }

  console.log(`Photo uploads: ${PHOTOS} × ${MB} MB, ${ROUNDS} alternating rounds — ${describeEngine(testDb)}`);
  await tusRound(); // warm-up: JIT, first file handles, sharp not involved
  await putRound();
  const tus: number[] = [];
  const put: number[] = [];
  const putSync: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    tus.push(await tusRound());
    put.push(await putRound());
    putSync.push(await putRound(true));
  }
  const tusMs = median(tus);
  const putMs = median(put);
  const mb = PHOTOS * MB;
  const rows: BenchRow[] = [
    { label: `raw HTTP PUT into a file (baseline), MB`, count: mb, ms: putMs },
    { label: `raw HTTP PUT into a file + fsync, MB`, count: mb, ms: median(putSync) },
    { label: `tus upload + verify + store + record, MB`, count: mb, ms: tusMs, goal: '≤ 1.5× the PUT' },
  ];
  table('Median round', rows, { countHeader: 'MB', secondsDigits: 2 });
  console.log(
    `\n  tus / raw PUT: ${(tusMs / putMs).toFixed(2)}×  (rounds: tus ${tus.map((t) => Math.round(t)).join(', ')} ms; PUT ${put.map((t) => Math.round(t)).join(', ')} ms)`,
  );

  raw.close();
  await app.close();
  await testDb.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(putDir, { recursive: true, force: true });
});

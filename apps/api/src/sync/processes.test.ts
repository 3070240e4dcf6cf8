import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type JobMessageRow, type JobRow } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { MemoryStore, SyncClient, type SyncTransport } from '@lastmile/sync/client';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { startApiProcess, type ApiProcess } from '../test/api-process.ts';
import { nodeHttpTransport, signInOverHttp, type NodeSession } from './node-http-transport.ts';

/**
 * Real server processes: one killed with SIGKILL in the middle of pushes, and two serving one
 * PostgreSQL database at once. On PGlite the data directory belongs to one process, so the
 * multi-process test needs PostgreSQL (CI sets TEST_DATABASE_URL).
 */
let testDb: TestDb;
let dataDir: string;
const servers: ApiProcess[] = [];

beforeAll(async () => {
  testDb = await createTestDb();
  dataDir = mkdtempSync(join(tmpdir(), 'lastmile-kill-'));
});
afterAll(async () => {
  for (const s of servers) await s.kill('SIGKILL');
  await testDb.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ApiProcess> {
  // PGlite: release the in-memory test db's role; the server process owns the data directory.
  const server = await startApiProcess(
    testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : { DATA_DIR: dataDir },
  );
  servers.push(server);
  return server;
}

/** A phone in memory; pass the `store` of one whose server died to carry on with its outbox. */
function client(
  transport: SyncTransport,
  actor: { userId: string; orgId: string },
  batch = 50,
  store = new MemoryStore(),
) {
  return {
    store,
    sync: new SyncClient({
      store,
      transport,
      pushBatchSize: batch,
      context: () => ({ actor: { ...actor, role: 'technician', teamId: null }, now: new Date().toISOString() }),
    }),
  };
}

async function me(url: string, session: NodeSession): Promise<{ userId: string; orgId: string }> {
  const res = await fetch(`${url}/api/auth/me`, { headers: { cookie: session.cookie } });
  const body = (await res.json()) as { user: { id: string }; org: { id: string } };
  return { userId: body.user.id, orgId: body.org.id };
}

describe('API processes', () => {
  it('loses nothing and leaves no partial batch when killed with SIGKILL mid-push', async () => {
    let server = await start();
    const session = await signInOverHttp(server.url, 'tech1@demo.lastmile.app', DEMO_PASSWORD);
    const actor = await me(server.url, session);
    let pushes = 0;
    const http = nodeHttpTransport(() => server.url, session);
    const counting: SyncTransport = {
      pull: (req) => http.pull(req),
      push: async (req) => {
        const res = await http.push(req);
        if (++pushes === 2) setTimeout(() => void server.kill('SIGKILL'), Math.random() * 20);
        return res;
      },
    };
    const device = client(counting, actor);
    await device.sync.sync();
    const jobs = [...device.store.snapshotRows().values()].filter((r) => 'status' in r) as unknown as JobRow[];
    expect(jobs.length).toBeGreaterThan(0);
    const marker = newId();
    const total = 400;
    for (let i = 0; i < total; i++) {
      await device.sync.mutate('postJobMessage', {
        id: newId(),
        jobId: jobs[i % jobs.length]!.id,
        body: `${marker} #${i + 1}`,
      });
    }
    await expect(device.sync.sync()).rejects.toThrow();
    expect(pushes).toBeGreaterThanOrEqual(2);

    server = await start();
    const fresh = await signInOverHttp(server.url, 'tech1@demo.lastmile.app', DEMO_PASSWORD);
    const clientId = await device.sync.clientId();
    const ack = await nodeHttpTransport(() => server.url, fresh).pull({
      schemaVersion: SCHEMA_VERSION,
      clientId,
      cursor: null,
      limit: 1,
    });
    const applied = ack.lastMutationId;
    const viewer = client(
      nodeHttpTransport(() => server.url, fresh),
      actor,
    );
    await viewer.sync.sync();
    const bodies = () =>
      [...viewer.store.snapshotRows().values()]
        .filter((r) => typeof r['body'] === 'string' && r['body'].startsWith(marker))
        .map((r) => Number((r as unknown as JobMessageRow).body.split('#')[1]))
        .sort((a, b) => a - b);
    // Exactly the mutations up to the server's last applied id took effect: none half-applied.
    expect(bodies()).toEqual(Array.from({ length: applied }, (_, i) => i + 1));
    expect(applied).toBeLessThan(total);

    device.sync = client(
      nodeHttpTransport(() => server.url, fresh),
      actor,
      50,
      device.store,
    ).sync;
    await device.sync.sync();
    expect(await device.store.listOutbox()).toEqual([]);
    await viewer.sync.sync();
    expect(bodies()).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await server.kill();
  });

  it('loses nothing and leaves no partial batch when killed with SIGKILL while pushes of four phones queue and group', async () => {
    let server = await start();
    const sessions = [];
    for (let i = 0; i < 4; i++)
      sessions.push(await signInOverHttp(server.url, 'tech1@demo.lastmile.app', DEMO_PASSWORD));
    const actor = await me(server.url, sessions[0]!);
    let pushes = 0;
    const phones = sessions.map((session) => {
      const http = nodeHttpTransport(() => server.url, session);
      return client(
        {
          pull: (req) => http.pull(req),
          push: async (req) => {
            const res = await http.push(req);
            if (++pushes === 6) setTimeout(() => void server.kill('SIGKILL'), Math.random() * 20);
            return res;
          },
        },
        actor,
        10,
      );
    });
    await Promise.all(phones.map((p) => p.sync.sync()));
    const jobs = [...phones[0]!.store.snapshotRows().values()].filter((r) => 'status' in r) as unknown as JobRow[];
    const markers = phones.map(() => newId());
    const total = 120;
    for (const [k, phone] of phones.entries()) {
      for (let i = 0; i < total; i++) {
        await phone.sync.mutate('postJobMessage', {
          id: newId(),
          jobId: jobs[i % jobs.length]!.id,
          body: `${markers[k]} #${i + 1}`,
        });
      }
    }
    // The four push at once, in batches of 10: their pushes queue behind each other and group.
    const outcomes = await Promise.allSettled(phones.map((p) => p.sync.sync()));
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);

    server = await start();
    const fresh = await signInOverHttp(server.url, 'tech1@demo.lastmile.app', DEMO_PASSWORD);
    const viewer = client(
      nodeHttpTransport(() => server.url, fresh),
      actor,
    );
    await viewer.sync.sync();
    const bodies = (marker: string) =>
      [...viewer.store.snapshotRows().values()]
        .filter((r) => typeof r['body'] === 'string' && r['body'].startsWith(marker))
        .map((r) => Number((r as unknown as JobMessageRow).body.split('#')[1]))
        .sort((a, b) => a - b);
    for (const [k, phone] of phones.entries()) {
      const { lastMutationId } = await nodeHttpTransport(() => server.url, fresh).pull({
        schemaVersion: SCHEMA_VERSION,
        clientId: await phone.sync.clientId(),
        cursor: null,
        limit: 1,
      });
      // Exactly each phone's mutations up to its last applied id took effect: no group half-applied.
      expect(bodies(markers[k]!)).toEqual(Array.from({ length: lastMutationId }, (_, i) => i + 1));
    }

    for (const phone of phones) {
      phone.sync = client(
        nodeHttpTransport(() => server.url, fresh),
        actor,
        10,
        phone.store,
      ).sync;
      await phone.sync.sync();
      expect(await phone.store.listOutbox()).toEqual([]);
    }
    await viewer.sync.sync();
    for (const marker of markers) expect(bodies(marker)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await server.kill();
  });

  it.runIf(Boolean(process.env['TEST_DATABASE_URL']))(
    'pokes a client connected to one process when a change is pushed through another',
    async () => {
      const a = await start();
      const b = await start();
      const office = await signInOverHttp(a.url, 'office@demo.lastmile.app', DEMO_PASSWORD);
      const tech = await signInOverHttp(b.url, 'tech1@demo.lastmile.app', DEMO_PASSWORD);
      const techActor = await me(b.url, tech);
      const officeActor = await me(a.url, office);

      const controller = new AbortController();
      const stream = await fetch(`${a.url}/api/sync/poke`, {
        headers: { cookie: office.cookie },
        signal: controller.signal,
      });
      const reader = stream.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const pokes = () => (text.match(/event: poke/g) ?? []).length;
      const pump = (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
          if (done) return;
          text += decoder.decode(value as Uint8Array);
        }
      })();
      const officeDevice = client(
        nodeHttpTransport(() => a.url, office),
        officeActor,
      );
      await officeDevice.sync.sync();
      await expect.poll(pokes).toBe(1); // the greeting poke

      const techDevice = client(
        nodeHttpTransport(() => b.url, tech),
        techActor,
      );
      await techDevice.sync.sync();
      const job = [...techDevice.store.snapshotRows().values()].find(
        (r) => 'status' in r && r['status'] === 'scheduled',
      ) as unknown as JobRow;
      await techDevice.sync.mutate('updateJobNotes', { jobId: job.id, notes: 'gate code 4711' });
      await techDevice.sync.sync();

      await expect.poll(pokes, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      await officeDevice.sync.sync();
      expect(officeDevice.store.snapshotRows().get(`jobs:${job.id}`)?.['notes']).toBe('gate code 4711');
      controller.abort();
      await pump;
    },
  );
  it.runIf(Boolean(process.env['TEST_DATABASE_URL']))(
    'closes a live-update stream in one process when the session is revoked through another',
    async () => {
      const a = await start();
      const b = await start();
      const admin = await signInOverHttp(a.url, 'admin@demo.lastmile.app', DEMO_PASSWORD);
      const tech = await signInOverHttp(b.url, 'tech2@demo.lastmile.app', DEMO_PASSWORD);
      const techActor = await me(b.url, tech);
      const stream = await fetch(`${b.url}/api/sync/poke`, { headers: { cookie: tech.cookie } });
      const reader = stream.body!.getReader();
      await reader.read(); // the greeting poke
      const ended = (async () => {
        for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return;
      })();

      const res = await fetch(`${a.url}/api/admin/sessions/revoke-user/${techActor.userId}`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      });
      expect(res.status).toBe(200);
      // Without the NOTIFY the stream would stay open until its next keep-alive write failed (never).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the stream is still open 5 s after the revocation')), 5000);
      });
      await Promise.race([ended, timeout]).finally(() => clearTimeout(timer));
    },
  );
});

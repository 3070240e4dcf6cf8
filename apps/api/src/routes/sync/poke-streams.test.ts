import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { scope } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { createTestApp, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';
import { MAX_STREAMS_PER_SESSION } from './poke-hub.ts';

let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

type OpenStream = { isOpen: () => boolean; ended: Promise<void>; close: () => void };

/** A live-update stream as the app's EventSource opens it; `ended` settles when the server ends it. */
async function openStream(credentials: Credentials): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/sync/poke`, {
    headers: { cookie: credentials.cookie },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let open = true;
  let greeted: () => void = () => undefined;
  const greeting = new Promise<void>((resolve) => (greeted = resolve));
  const ended = (async () => {
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }));
      greeted();
      if (done) break;
    }
    open = false;
  })();
  await greeting;
  return { isOpen: () => open, ended, close: () => controller.abort() };
}

/** Resolves when the stream ends, fails if it is still open after `ms` (it would otherwise stay open for hours). */
async function endsWithin(stream: OpenStream, ms = 3000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stream still open after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([stream.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const post = (path: string, as: Credentials, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url: path, headers: as, payload: payload as Record<string, unknown> });

describe('poke streams end with their session', () => {
  it("revoking a person's sessions closes their streams at once, and nobody else's", async () => {
    const { technician, lead, admin } = t.fixtures.orgA.users;
    const phone = await openStream(await sessionFor(t.db, technician));
    const tablet = await openStream(await sessionFor(t.db, technician));
    const other = await openStream(await sessionFor(t.db, lead));
    const res = await post(`/api/admin/sessions/revoke-user/${technician.id}`, await sessionFor(t.db, admin));
    expect(res.statusCode).toBe(200);
    await endsWithin(phone);
    await endsWithin(tablet);
    expect(other.isOpen()).toBe(true);
    other.close();
  });

  it('deactivating a person closes their streams at once', async () => {
    const { victim, admin } = t.fixtures.orgA.users;
    const stream = await openStream(await sessionFor(t.db, victim));
    const adminSession = await sessionFor(t.db, admin);
    expect((await post(`/api/admin/users/${victim.id}/deactivate`, adminSession)).statusCode).toBe(200);
    await endsWithin(stream);
    expect((await post(`/api/admin/users/${victim.id}/reactivate`, adminSession)).statusCode).toBe(200);
  });

  it("revoking a device closes the streams of the sessions it used, not the person's other sessions", async () => {
    const { lead, admin } = t.fixtures.orgA.users;
    const onDevice = await sessionFor(t.db, lead);
    const elsewhere = await sessionFor(t.db, lead);
    const clientId = `poke${randomUUID().replaceAll('-', '')}`;
    const pull = await post('/api/sync/pull', onDevice, { schemaVersion: SCHEMA_VERSION, clientId, cursor: null });
    expect(pull.statusCode).toBe(200);
    const deviceStream = await openStream(onDevice);
    const otherStream = await openStream(elsewhere);

    const adminSession = await sessionFor(t.db, admin);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/devices', headers: adminSession });
    const device = list
      .json<{ devices: { id: string; clientId: string }[] }>()
      .devices.find((d) => d.clientId === clientId);
    const res = await post(`/api/admin/devices/${device!.id}/revoke`, adminSession, { reason: 'Lost on site' });
    expect(res.statusCode).toBe(200);
    await endsWithin(deviceStream);
    expect(otherStream.isOpen()).toBe(true);
    otherStream.close();
  });
});

describe('streams per session are capped', () => {
  it(`keeps at most ${MAX_STREAMS_PER_SESSION} per session, closing the oldest; other sessions are unaffected`, async () => {
    const { office } = t.fixtures.orgA.users;
    const busy = await sessionFor(t.db, office);
    const neighbour = await openStream(await sessionFor(t.db, office));
    const streams: OpenStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION; i++) streams.push(await openStream(busy));
    expect(streams.every((s) => s.isOpen())).toBe(true);

    streams.push(await openStream(busy));
    await endsWithin(streams[0]!);
    expect(streams.slice(1).every((s) => s.isOpen())).toBe(true);
    streams.push(await openStream(busy));
    await endsWithin(streams[1]!);
    expect(streams.slice(2).every((s) => s.isOpen())).toBe(true);
    expect(neighbour.isOpen()).toBe(true);
    for (const s of [...streams, neighbour]) s.close();
  });
});

/** A stream that counts the pokes it receives (the first one, sent on opening, excluded). */
async function countingStream(credentials: Credentials): Promise<{ pokes: () => number; close: () => void }> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/sync/poke`, {
    headers: { cookie: credentials.cookie },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let first: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (first = resolve));
  void (async () => {
    for (;;) {
      const chunk: { done: boolean; value?: Uint8Array | undefined } = await reader
        .read()
        .catch(() => ({ done: true }));
      if (chunk.done || !chunk.value) return;
      text += decoder.decode(chunk.value, { stream: true });
      first();
    }
  })();
  await opened;
  return { pokes: () => text.split('event: poke').length - 2, close: () => controller.abort() };
}

describe('pokes reach only the devices that can see the change', () => {
  it('a change logged for one team pokes that team’s lead and the office, not another team’s lead', async () => {
    const { id: orgId, teamId, users } = t.fixtures.orgA;
    const other = await writeInOrg(t.db, orgId, async (tx, recorder) => {
      const team = await createTeam(tx, recorder, { orgId, name: 'Team B' });
      return createUser(tx, recorder, {
        orgId,
        teamId: team.id,
        name: 'Bea Other',
        email: `bea-${randomUUID()}@test.lastmile.app`,
        role: 'lead',
        passwordHash: 'not-for-sign-in',
      });
    });
    // Leads pull their team's scope (technicians only their own work: scopes.ts).
    const teamA = await countingStream(await sessionFor(t.db, users.lead));
    const teamB = await countingStream(await sessionFor(t.db, { id: other.id, email: other.email, orgId }));
    const office = await countingStream(await sessionFor(t.db, users.office));
    // Time for the hub to read each new stream's scopes (until then a stream is poked for everything).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = [teamA.pokes(), teamB.pokes(), office.pokes()];

    await writeInOrg(t.db, orgId, async (_tx, recorder) => {
      recorder.put('jobs', { id: randomUUID(), note: 'poke test' } as never, [scope.org(orgId), scope.team(teamId)]);
    });
    await expect.poll(() => teamA.pokes(), { timeout: 3000 }).toBe(before[0]! + 1);
    await expect.poll(() => office.pokes(), { timeout: 3000 }).toBe(before[2]! + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(teamB.pokes()).toBe(before[1]);
    for (const s of [teamA, teamB, office]) s.close();
  });
});

import type { ServerResponse } from 'node:http';
import { parsePokePayload, POKE_CHANNEL, pokePayload } from '@lastmile/sync/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Listen } from '../../db/client.ts';
import { PokeHub } from './poke-hub.ts';

/**
 * Scoped pokes (issue 14): a commit pokes only the streams whose device pulls one of its scopes.
 * 200 phones in 10 teams and one office desk, against a fake LISTEN and fake responses.
 */
const ORG = 'org-1';
const POKE = 'event: poke';

function fakeListen() {
  const handlers = new Map<string, (payload: string) => void>();
  const listen: Listen = async (channel, onPayload) => {
    handlers.set(channel, onPayload);
    return async () => void handlers.delete(channel);
  };
  return { listen, notify: (channel: string, payload: string) => handlers.get(channel)?.(payload) };
}

function fakeResponse() {
  const written: string[] = [];
  const res = { write: (chunk: string) => written.push(chunk) > 0, end: () => undefined } as unknown as ServerResponse;
  return { res, pokes: () => written.filter((w) => w.startsWith(POKE)).length };
}

const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

let hub: PokeHub | null = null;
afterEach(async () => {
  await hub?.stop();
  hub = null;
});

async function world() {
  const bus = fakeListen();
  const scopes = new Map<string, ReadonlySet<string>>();
  const phones: { team: number; pokes: () => number }[] = [];
  hub = new PokeHub(
    async (hashes) => new Set(hashes),
    () => undefined,
    20,
    async (hashes) =>
      new Map(
        hashes.flatMap((h) =>
          scopes.has(h) ? [[h, { scopes: scopes.get(h)!, clientId: `client-${h}` }] as const] : [],
        ),
      ),
  );
  await hub.start(bus.listen);
  for (let i = 0; i < 200; i++) {
    const team = i % 10;
    const token = `phone-${i}`;
    scopes.set(token, new Set([`ref:${ORG}`, `team:t${team}`, `people:t${team}`, `user:u${i}`]));
    const { res, pokes } = fakeResponse();
    hub.add({ orgId: ORG, tokenHash: token }, res);
    phones.push({ team, pokes });
  }
  scopes.set('office', new Set([`ref:${ORG}`, `org:${ORG}`, 'user:office']));
  const office = fakeResponse();
  hub.add({ orgId: ORG, tokenHash: 'office' }, office.res);
  await settle();
  return { bus, phones, office, hub, scopes };
}

const change = (scope: string) => ({ scope, entity: 'jobs' as const, entityId: 'j', op: 'put' as const, row: {} });

describe('scoped pokes', () => {
  it('a change in one team pokes that team’s phones and the office, not the other 180 phones', async () => {
    const { bus, phones, office } = await world();
    bus.notify(POKE_CHANNEL, pokePayload(ORG, [change(`org:${ORG}`), change('team:t3'), change('user:u13')]));
    await settle();
    const poked = phones.filter((p) => p.pokes() > 0);
    expect(poked).toHaveLength(20);
    expect(poked.every((p) => p.team === 3)).toBe(true);
    expect(office.pokes()).toBe(1);
  });

  it('a change to reference data, or a poke naming no scopes, pokes everyone', async () => {
    const { bus, phones, office } = await world();
    bus.notify(POKE_CHANNEL, pokePayload(ORG, [change(`ref:${ORG}`)]));
    await settle();
    expect(phones.every((p) => p.pokes() === 1)).toBe(true);
    bus.notify(POKE_CHANNEL, ORG);
    await settle();
    expect(phones.every((p) => p.pokes() === 2)).toBe(true);
    expect(office.pokes()).toBe(2);
  });

  it('a person moving team pokes both teams and the office, and their phone is poked for its new team at once', async () => {
    const { bus, phones, office, scopes } = await world();
    // u13 (team 3) moves to team 4: their row is put for team 4 and deleted for team 3 (ADR 0051).
    bus.notify(
      POKE_CHANNEL,
      pokePayload(ORG, [change(`org:${ORG}`), change('user:u13'), change('people:t4'), change('people:t3')]),
    );
    scopes.set('phone-13', new Set([`ref:${ORG}`, 'team:t4', 'people:t4', 'user:u13']));
    await settle();
    const poked = phones.filter((p) => p.pokes() > 0);
    expect(poked).toHaveLength(40);
    expect(poked.every((p) => p.team === 3 || p.team === 4)).toBe(true);
    expect(office.pokes()).toBe(1);
    // The move made the hub read scopes again: team 4's next change reaches u13's phone.
    bus.notify(POKE_CHANNEL, pokePayload(ORG, [change('team:t4')]));
    await settle();
    expect(phones[13]!.pokes()).toBe(2);
    expect(phones[3]!.pokes()).toBe(1);
  });

  it('coalesces a burst into one poke per stream, and pokes a stream whose scopes are unknown', async () => {
    const { bus, phones, hub } = await world();
    const stranger = fakeResponse();
    hub.add({ orgId: ORG, tokenHash: 'not-known' }, stranger.res);
    await settle();
    for (const team of [1, 1, 2]) bus.notify(POKE_CHANNEL, pokePayload(ORG, [change(`team:t${team}`)]));
    await settle();
    expect(
      phones
        .filter((p) => p.pokes() > 0)
        .map((p) => p.team)
        .sort(),
    ).toEqual([...Array(20).fill(1), ...Array(20).fill(2)].sort());
    expect(phones.every((p) => p.pokes() <= 1)).toBe(true);
    expect(stranger.pokes()).toBe(1);
  });

  it('does not poke the device whose push made the commit (it pulls right after), unless another commit concerns it', async () => {
    const { bus, phones, office } = await world();
    // phone-3 (team 3) pushed: its teammates and the office are poked, phone-3 is not.
    bus.notify(
      POKE_CHANNEL,
      pokePayload(ORG, [change(`org:${ORG}`), change('team:t3'), change('user:u3')], 'client-phone-3'),
    );
    await settle();
    expect(phones[3]!.pokes()).toBe(0);
    expect(phones.filter((p) => p.pokes() > 0)).toHaveLength(19);
    expect(office.pokes()).toBe(1);
    // In one window, its own commit and a teammate's: it is poked once, for the teammate's.
    bus.notify(POKE_CHANNEL, pokePayload(ORG, [change('team:t3')], 'client-phone-3'));
    bus.notify(POKE_CHANNEL, pokePayload(ORG, [change('team:t3')], 'client-phone-13'));
    await settle();
    expect(phones[3]!.pokes()).toBe(1);
    expect(phones[13]!.pokes()).toBe(2);
    expect(phones[23]!.pokes()).toBe(2);
    expect(phones[4]!.pokes()).toBe(0);
  });

  it('reads the pushing client back from the payload, and no client from a payload without one', () => {
    expect(parsePokePayload(pokePayload(ORG, [change('team:a')], 'client_1-x'))).toEqual({
      orgId: ORG,
      scopes: ['team:a'],
      origin: 'client_1-x',
    });
    expect(parsePokePayload(pokePayload(ORG, [change('team:a')]))).toEqual({
      orgId: ORG,
      scopes: ['team:a'],
      origin: null,
    });
    expect(parsePokePayload(ORG)).toEqual({ orgId: ORG, scopes: null, origin: null });
  });

  it('says only the organization when a commit touches too many scopes for one NOTIFY', () => {
    const many = Array.from({ length: 500 }, (_, i) => change(`user:${'x'.repeat(30)}${i}`));
    expect(pokePayload(ORG, many)).toBe(ORG);
    expect(pokePayload(ORG, [change('team:a'), change('team:a')])).toBe(`${ORG}|team:a`);
  });
});

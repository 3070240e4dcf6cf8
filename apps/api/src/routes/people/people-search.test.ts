import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleSearchSchema, type Role } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { users } from '../../db/schema/index.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

/**
 * A phone holds its own team's people and the office's (ADR 0051); its mention and owner pickers
 * find the rest of the organization here while online. Only the caller's organization, only
 * active people, only a picker's fields, and what is typed is text, never a pattern.
 */
let t: TestApp;
let tech: Credentials;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const { orgA, orgB } = t.fixtures;
  const people: [string, Role, string | null][] = [
    ['Anna Żak', 'technician', 'North'],
    ['Joanna Anders', 'lead', 'North'],
    ['Anna Gone', 'technician', 'North'],
    ['100% Kowal', 'technician', 'North'],
    ['a_b Lis', 'technician', 'North'],
    ['axb Lis', 'technician', 'North'],
    ['Annabel Desk', 'office', null],
  ];
  await writeInOrg(t.db, orgA.id, async (tx, rec) => {
    const north = await createTeam(tx, rec, { orgId: orgA.id, name: 'North' });
    for (const [name, role, team] of people) {
      const user = await createUser(tx, rec, {
        orgId: orgA.id,
        teamId: team ? north.id : null,
        name,
        email: `${randomUUID().slice(0, 8)}@search.test`,
        role,
        passwordHash: 'x',
      });
      ids[name] = user.id;
    }
    await tx.update(users).set({ active: false }).where(eq(users.id, ids['Anna Gone']!));
  });
  await writeInOrg(t.db, orgB.id, async (tx, rec) => {
    const user = await createUser(tx, rec, {
      orgId: orgB.id,
      teamId: null,
      name: 'Anna Elsewhere',
      email: `${randomUUID().slice(0, 8)}@other.test`,
      role: 'technician',
      passwordHash: 'x',
    });
    ids['Anna Elsewhere'] = user.id;
  });
  tech = await sessionFor(t.db, orgA.users.technician);
});
afterAll(async () => t.close());

function search(q: string, headers: Credentials | Record<string, never> = tech, extra = '') {
  return t.app.inject({
    method: 'GET',
    url: `/api/people/search?q=${encodeURIComponent(q)}${extra}`,
    headers,
  });
}

async function found(q: string, headers: Credentials = tech): Promise<string[]> {
  const response = await search(q, headers);
  expect(response.statusCode, response.body).toBe(200);
  return peopleSearchSchema.parse(response.json()).people.map((p) => p.name);
}

describe('GET /api/people/search', () => {
  it('finds active people of another team by any part of their name, any case, names starting with it first', async () => {
    const response = await search('ANN');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      people: [
        { id: ids['Anna Żak'], name: 'Anna Żak', role: 'technician', teamName: 'North' },
        { id: ids['Annabel Desk'], name: 'Annabel Desk', role: 'office', teamName: null },
        { id: ids['Joanna Anders'], name: 'Joanna Anders', role: 'lead', teamName: 'North' },
      ],
    });
  });

  it('never returns a deactivated person', async () => {
    expect(await found('gone')).toEqual([]);
  });

  it('never returns another organization’s people, to any of its roles', async () => {
    const { orgA, orgB } = t.fixtures;
    for (const role of ['technician', 'lead', 'office', 'admin'] as const)
      expect(await found('anna', await sessionFor(t.db, orgA.users[role]))).not.toContain('Anna Elsewhere');
    // And the other organization's admin finds its own Anna, never organization A's.
    expect(await found('anna', await sessionFor(t.db, orgB.users.admin))).toEqual(['Anna Elsewhere']);
  });

  it('reads % and _ in the text as themselves, not as LIKE wildcards', async () => {
    expect(await found('0%')).toEqual(['100% Kowal']);
    expect(await found('%%')).toEqual([]);
    expect(await found('a_b')).toEqual(['a_b Lis']);
    expect(await found('__')).toEqual([]);
    expect(await found('\\\\')).toEqual([]);
  });

  it('returns a small page: 8 by default, `limit` at most 20', async () => {
    const { orgA } = t.fixtures;
    await writeInOrg(t.db, orgA.id, async (tx, rec) => {
      for (let i = 0; i < 25; i++)
        await createUser(tx, rec, {
          orgId: orgA.id,
          teamId: null,
          name: `Zed Many ${String(i).padStart(2, '0')}`,
          email: `${randomUUID().slice(0, 8)}@many.test`,
          role: 'technician',
          passwordHash: 'x',
        });
    });
    expect(await found('zed many')).toHaveLength(8);
    const three = await search('zed many', tech, '&limit=3');
    expect(peopleSearchSchema.parse(three.json()).people.map((p) => p.name)).toEqual([
      'Zed Many 00',
      'Zed Many 01',
      'Zed Many 02',
    ]);
    expect((await search('zed many', tech, '&limit=21')).statusCode).toBe(400);
    expect((await search('zed many', tech, '&limit=0x5')).statusCode).toBe(400);
  });

  it('answers text it cannot search with 400, never 500: too short, too long, repeated', async () => {
    for (const q of ['', 'a', '   a  ', 'x'.repeat(61), 'ż'.repeat(500), 'a'.repeat(10_000)]) {
      const response = await search(q);
      expect(response.statusCode, q.slice(0, 20)).toBe(400);
      expect(errorBody(response).code).toBe('validation');
    }
    const twice = await t.app.inject({ method: 'GET', url: '/api/people/search?q=ann&q=jo', headers: tech });
    expect(twice.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/people/search', headers: tech })).statusCode).toBe(400);
  });

  it('takes odd text as text: NUL (removed, ADR 0014), half an emoji, RTL marks, emoji', async () => {
    // Only NULs: nothing left to search for.
    expect((await search('\u0000\u0000\u0000')).statusCode).toBe(400);
    // A NUL inside is removed before the search, as on every route.
    expect(await found('An\u0000na Ż')).toEqual(['Anna Żak']);
    for (const q of ['\uD83D\uDE00x', '\u202Eanna', '🧑‍🔧🧑‍🔧', 'ＡＮＮＡ', "a'; drop table users; --"]) {
      const response = await search(q);
      expect(response.statusCode, JSON.stringify(q)).toBe(200);
    }
    // Bytes that are no UTF-8 (half an emoji, a lone surrogate's bytes, a cut sequence).
    for (const raw of ['ab%ED%A0%80', '%F0%9F%98', 'ab%FF%FE', 'ab%E0%80%AF', 'ab%']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/people/search?q=${raw}`, headers: tech });
      expect(response.statusCode, raw).toBeLessThan(500);
    }
  });

  it('is for signed-in people only', async () => {
    expect((await search('anna', {})).statusCode).toBe(401);
  });
});

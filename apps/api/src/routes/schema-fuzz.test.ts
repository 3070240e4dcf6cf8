import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { jobs, users } from '../db/schema/index.ts';
import { apiKeyFor } from '../test/api-keys.ts';
import { contractViolations } from '../test/error-contract.ts';
import { createOfficeWorld } from '../test/office-fixtures.ts';
import { openApiDocument, type OpenApiDocument, type OperationObject } from '../test/openapi-document.ts';
import {
  hostileValues,
  idKind,
  parts,
  pick,
  plausible,
  replaced,
  type FuzzSchema,
  type IdPool,
  type Random,
} from '../test/schema-fuzz.ts';
import { seededRandom } from '../test/seeded-random.ts';
import { createTestApp, sessionFor, type TestApp } from '../test/test-app.ts';

/**
 * A fuzzer over every documented route, written as an outsider writes one: from /api/docs alone.
 * hostile-requests.test.ts throws garbage at each route; this sends what the schema says a route
 * takes, with real ids of the organization's rows, and breaks one part of it at a time — so the
 * request gets past validation to the services and PostgreSQL, where the 500s were (a year 0000,
 * a NUL reaching a CSV cell, `caption: null`). Then it reads everything back (every GET, a full
 * pull per role, every job's report), because stored oddities break the readers, not the writer.
 * The contract: no 5xx, and every error as documented (`contractViolations`).
 *
 * Seeded: `FUZZ_SEED=<n>` runs another sequence (the failure message names the seed);
 * `FUZZ_REPORT=1` prints the statuses each route answered and the push's results, to see how deep
 * the requests got (seed 20261203: 180 pushes answered 200, their mutations applied or refused by
 * the mutators for forbidden, validation, not_found, illegal_transition and conflict).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
/** Requests per operation: with a body, and without one (path and query only). */
const WITH_BODY = 30;
const WITHOUT_BODY = 8;
/** Where the most code runs behind one route: every mutator is behind the push. */
const MORE: Record<string, number> = {
  'POST /api/sync/push': 400,
  'POST /api/sync/pull': 60,
  'POST /api/v1/jobs': 80,
  'PATCH /api/v1/jobs/{id}': 80,
};

let t: TestApp;
let doc: OpenApiDocument;
let pool: IdPool;
/** The technician's own jobs (every third of the world's). */
let assignedJobs: string[];
let otherOrgId: string;
let apiKey: { authorization: string };
const random: Random = seededRandom(SEED);
const roles = ['technician', 'lead', 'office', 'admin'] as const;
type Role = (typeof roles)[number];

beforeAll(async () => {
  t = await createTestApp({ apiKeyRequestsPerMinute: 100_000 });
  doc = await openApiDocument(t.app);
  const { orgA, orgB } = t.fixtures;
  otherOrgId = orgB.users.admin.id;
  apiKey = (await apiKeyFor(t.db, orgA.users.admin, ['read', 'write'])).headers;
  const world = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: orgA.teamId,
    assigneeId: orgA.users.technician.id,
    jobCount: 9,
  });
  const office = await sessionFor(t.db, orgA.users.office);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/form-templates',
    headers: office,
    payload: {
      name: 'Fuzz form',
      definition: {
        sections: [
          {
            key: 'general',
            title: 'General',
            fields: [
              { key: 'boiler_make', label: 'Boiler make', type: 'shortText' },
              { key: 'pressure', label: 'Pressure', type: 'number' },
              { key: 'notes', label: 'Notes', type: 'longText' },
            ],
          },
        ],
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const templateId = created.json<{ id: string }>().id;
  const published = await t.app.inject({
    method: 'POST',
    url: `/api/form-templates/${templateId}/publish`,
    headers: office,
    payload: {},
  });
  expect(published.statusCode, published.body).toBe(201);
  const versionId = published.json<{ id: string }>().id;
  // A form and an item on the technician's first job, made the way a phone makes them.
  const responseId = newId();
  const itemId = newId();
  const job = world.jobIds[0]!;
  const pushed = await push('technician', [
    { name: 'startForm', args: { id: responseId, jobId: job, templateVersionId: versionId } },
    {
      name: 'addOutstandingItem',
      args: {
        id: itemId,
        jobId: job,
        siteId: world.sites.acmeMain,
        ownerId: orgA.users.technician.id,
        title: 'Loose tile',
        description: '',
        dueDate: null,
        priority: 'normal',
      },
    },
  ]);
  expect(pushed.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
  const users = [orgA.users.technician.id, orgA.users.lead.id, orgA.users.office.id, orgA.users.victim.id];
  assignedJobs = world.jobIds.filter((_, i) => i % 3 === 0);
  pool = {
    jobs: world.jobIds,
    customers: Object.values(world.customers),
    sites: Object.values(world.sites),
    jobTypes: Object.values(world.jobTypes),
    teams: [orgA.teamId],
    users,
    formTemplates: [templateId],
    formVersions: [versionId],
    formResponses: [responseId],
    items: [itemId],
    any: [...world.jobIds.slice(0, 3), ...users, orgA.teamId, templateId, versionId, responseId, itemId],
  };
});
afterAll(async () => t.close());

async function push(role: Role, mutations: { name: string; args: unknown }[]): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: await sessionFor(t.db, t.fixtures.orgA.users[role]),
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: `fuzz${newId().replaceAll('-', '')}`,
      mutations: mutations.map((m, i) => ({ id: i + 1, ...m, clientTime: new Date().toISOString(), baseVersion: 0 })),
    },
  });
}

type Operation = { method: string; path: string; operation: OperationObject };

function operations(): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops ?? {}).flatMap(([method, operation]) =>
      // The poke stream never ends for a signed-in caller (hostile-requests.test.ts walks it signed out).
      operation && path !== '/api/sync/poke' ? [{ method: method.toUpperCase(), path, operation }] : [],
    ),
  );
}

/** Who calls: the admin for admin routes, a key for /api/v1, anyone for the rest (their checks run too). */
function callerRole(path: string): Role | 'key' {
  if (path.startsWith('/api/v1/')) return 'key';
  return path.startsWith('/api/admin') ? 'admin' : pick(random, roles);
}

async function headersOf(role: Role | 'key'): Promise<Record<string, string>> {
  return role === 'key' ? apiKey : sessionFor(t.db, t.fixtures.orgA.users[role]);
}

/** A technician's requests name their own jobs most of the time, so their mutations get past the assignment check. */
function idsFor(role: Role | 'key'): IdPool {
  return role === 'technician' && random() < 0.7 ? { ...pool, jobs: assignedJobs } : pool;
}

/** `/api/jobs/{id}` with a job's id most of the time, and sometimes with what a broken client sends. */
function fillPath(path: string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, (_, name: string, offset: number) => {
    const before = path.slice(0, offset).split('/').filter(Boolean).at(-1) ?? '';
    const kind = name === 'id' ? idKind(before.replace(/s$/, '')) : idKind(name);
    if (name === 'key') return pick(random, ['boiler_make', 'pressure', 'nope']);
    if (name === 'a' || name === 'b') return pick(random, ['1', '2', '0', '99999999999']);
    const own = pool[kind]?.length ? pool[kind] : pool.any;
    const r = random();
    if (r < 0.8) return pick(random, own);
    if (r < 0.9) return otherOrgId;
    return escapeAny(pick(random, [crypto.randomUUID(), own[0]!.toUpperCase(), '\u0000', '%', 'é', '\ud800']));
  });
}

/** Some of the route's query parameters, plausible, and one of them broken five times in six. */
function query(operation: OperationObject): string {
  const params = (operation.parameters ?? []).filter((p) => p.in === 'query' && random() < 0.5);
  const broken = random() < 5 / 6 && params.length > 0 ? pick(random, params).name : null;
  const pairs = params.flatMap(({ name, schema }) => {
    const fuzz = (schema ?? {}) as FuzzSchema;
    const value =
      name === broken
        ? pick(random, hostileValues(fuzz, name, pool, otherOrgId, random))
        : plausible(fuzz, name, pool, random);
    // A list is the parameter repeated (`teamId=a&teamId=b`), as a browser's form sends it.
    const values = Array.isArray(value) && name !== broken ? value : [value];
    return values.map((v) => `${encodeURIComponent(name)}=${escapeAny(typeof v === 'string' ? v : JSON.stringify(v))}`);
  });
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** Percent-encoding that also sends half an emoji (a lone surrogate, as WTF-8), which encodeURIComponent refuses. */
function escapeAny(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
      return encodeURIComponent(ch);
    })
    .join('');
}

/** A plausible body with one or two parts broken (or none, one time in six). */
function body(schema: FuzzSchema, ids: IdPool): unknown {
  let value = plausible(schema, 'body', ids, random);
  if (random() < 1 / 6) return value;
  for (let n = random() < 0.7 ? 1 : 2; n > 0; n--) {
    const candidates = parts(value, schema);
    const target = pick(random, candidates);
    const r = random();
    const next =
      r < 0.1 && target.path.length > 0
        ? undefined
        : pick(random, hostileValues(target.schema, target.name, ids, otherOrgId, random));
    value = replaced(value, target.path, next);
  }
  return value;
}

/**
 * A push as a fresh client sends it: its own new client id, the protocol's version, mutation ids
 * 1, 2, 3… — so the broken part is inside the mutations, where the mutators run, most of the time.
 */
function freshPush(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const body = value as Record<string, unknown>;
  const fresh = { ...body, clientId: `fuzz${newId().replaceAll('-', '')}`, schemaVersion: SCHEMA_VERSION };
  if (random() < 0.1) return { ...fresh, schemaVersion: body['schemaVersion'] };
  if (!Array.isArray(body['mutations']) || random() < 0.1) return fresh;
  return {
    ...fresh,
    mutations: body['mutations'].map((m: unknown, i) =>
      m && typeof m === 'object' && !Array.isArray(m) ? { ...m, id: i + 1 } : m,
    ),
  };
}

async function send(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  const options = {
    method,
    url,
    headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  } as InjectOptions;
  // A streamed answer cut off midway (a failed export or PDF) rejects here: as broken as a 500.
  return t.app.inject(options).catch((error: unknown) => error as Error);
}

function verdict(response: LightMyRequestResponse | Error, method: string, path: string, operation: OperationObject) {
  if (response instanceof Error) return [`threw ${response.message}`];
  return contractViolations(response, method, operation);
}

describe(`every documented route, fuzzed from its schema (seed ${SEED})`, () => {
  it('keeps the error contract for plausible requests with one part broken, never a 5xx', async () => {
    const broken: string[] = [];
    let sent = 0;
    const statuses: Record<string, Record<string, number>> = {};
    const pushResults: Record<string, number> = {};
    for (const { method, path, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema as FuzzSchema | undefined;
      const count = MORE[`${method} ${path}`] ?? (schema ? WITH_BODY : WITHOUT_BODY);
      for (let i = 0; i < count; i++) {
        const url = fillPath(path) + query(operation);
        const role = callerRole(path);
        let payload = schema ? body(schema, idsFor(role)) : undefined;
        if (path === '/api/sync/push' || path === '/api/sync/pull') payload = freshPush(payload);
        const response = await send(method, url, await headersOf(role), payload);
        sent++;
        if (!(response instanceof Error)) {
          const key = `${method} ${path}`;
          const tally = (statuses[key] ??= {});
          const status = String(response.statusCode);
          tally[status] = (tally[status] ?? 0) + 1;
          if (path === '/api/sync/push' && response.statusCode === 200)
            for (const r of response.json<{ results: { status: string; code?: string }[] }>().results) {
              const k = `push ${r.status} ${r.code ?? ''}`;
              pushResults[k] = (pushResults[k] ?? 0) + 1;
            }
        }
        for (const v of verdict(response, method, path, operation))
          broken.push(`${method} ${url.slice(0, 100)} ${JSON.stringify(payload)?.slice(0, 300)} → ${v}`);
      }
    }
    if (process.env['FUZZ_REPORT']) console.log(JSON.stringify({ statuses, pushResults }, null, 1));
    expect(sent).toBeGreaterThan(1000);
    expect(broken, `seed ${SEED}`).toEqual([]);
  });

  it('reads back whatever was stored: every GET, every role’s full pull, every job’s report', async () => {
    const broken: string[] = [];
    for (const { method, path, operation } of operations().filter((o) => o.method === 'GET')) {
      for (const role of ['office', 'admin'] as const) {
        const headers = path.startsWith('/api/v1/') ? apiKey : await sessionFor(t.db, t.fixtures.orgA.users[role]);
        const url = fillPath(path);
        const response = await send(method, url, headers);
        for (const v of verdict(response, method, path, operation)) broken.push(`${role} ${method} ${url} → ${v}`);
      }
    }
    // The fuzz may have changed anyone's role but the admin's (never a target): the admin reads.
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const jobIds = (await t.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.orgId, t.fixtures.orgA.id))).map(
      (r) => r.id,
    );
    expect(jobIds.length).toBeGreaterThanOrEqual(pool['jobs']!.length);
    for (const id of jobIds) {
      for (const suffix of ['report.pdf', 'report.json', 'thread']) {
        const response = await send('GET', `/api/jobs/${id}/${suffix}`, admin);
        if (response instanceof Error || response.statusCode >= 500)
          broken.push(
            `GET /api/jobs/${id}/${suffix} → ${response instanceof Error ? response.message : response.body}`,
          );
      }
    }
    for (const role of roles) {
      // The fuzz may have deactivated the person or changed their role: pull as the role again.
      await t.db
        .update(users)
        .set({ active: true, role, teamId: role === 'technician' || role === 'lead' ? t.fixtures.orgA.teamId : null })
        .where(eq(users.id, t.fixtures.orgA.users[role].id));
      const headers = await sessionFor(t.db, t.fixtures.orgA.users[role]);
      const clientId = `fuzzpull${newId().replaceAll('-', '')}`;
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const response = await send('POST', '/api/sync/pull', headers, {
          schemaVersion: SCHEMA_VERSION,
          clientId,
          cursor,
        });
        if (response instanceof Error || response.statusCode !== 200) {
          broken.push(`${role} pull → ${response instanceof Error ? response.message : response.body.slice(0, 300)}`);
          break;
        }
        const page_ = response.json<{ cursor: string; more: boolean }>();
        cursor = page_.cursor;
        if (!page_.more) break;
      }
    }
    expect(broken, `seed ${SEED}`).toEqual([]);
  });
});

import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, newId, type Actor } from '@lastmile/domain';
import { SCHEMA_VERSION, type Mutation, type PushRequest, type PushResponse } from '@lastmile/sync';
import {
  processPush,
  processPushes,
  queryRows,
  type AnyDb,
  type GroupedPush,
  type ProcessPushOptions,
  type ServerMutators,
} from '@lastmile/sync/server';
import { pushUnitOfWork, serverMutators } from '../mutators/index.ts';
import { recordPushAudit } from '../services/audit/record-push-audit.ts';
import { comparable, latestVersion } from './comparable-state.ts';
import { seededRandom } from '../test/seeded-random.ts';
import { loggedChanges } from '../test/logged-changes.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { buildWorld, publishWorldForm, type World } from './test-world.ts';

/**
 * Pushes that queued behind a busy organization run as one transaction (processPushes, ADR 0044).
 * The promise: each push's answer and effects are exactly those it would have had running alone,
 * in the same order — a group only shares the commit and one version. Each case runs the same pushes as a group in
 * one organization and one by one in an identical other, and compares everything they wrote.
 */

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.cleanup();
});

type Step = Pick<Mutation, 'name' | 'args'> & { id?: number };
/** One push of a scenario: whose, from which of the scenario's clients, what. */
type PushSpec = { who: keyof World['actors']; client: string; steps: Step[]; firstId?: number; schemaVersion?: number };
type Scenario = (w: World) => PushSpec[] | Promise<PushSpec[]>;

const options: ProcessPushOptions = {
  unitOfWork: pushUnitOfWork,
  audit: recordPushAudit,
  sleep: async () => undefined,
};

function request(w: World, prefix: string, spec: PushSpec): { actor: Actor; req: PushRequest } {
  const clientTime = new Date().toISOString();
  const first = spec.firstId ?? 1;
  return {
    actor: w.actors[spec.who],
    req: {
      schemaVersion: spec.schemaVersion ?? SCHEMA_VERSION,
      clientId: `${prefix}-${spec.client}`,
      mutations: spec.steps.map((s, i) => ({
        id: s.id ?? first + i,
        name: s.name,
        args: s.args,
        clientTime,
        baseVersion: 0,
      })),
    },
  };
}

type Outcome = { value?: PushResponse; error?: string };
const outcome = (s: PromiseSettledResult<PushResponse>): Outcome =>
  s.status === 'fulfilled'
    ? { value: s.value }
    : { error: s.reason instanceof AppError ? s.reason.code : String(s.reason) };

async function asGroup(w: World, prefix: string, specs: PushSpec[], mutators = serverMutators): Promise<Outcome[]> {
  const pushes: GroupedPush[] = specs.map((spec) => request(w, prefix, spec));
  return (await processPushes(testDb.db, pushes, mutators, options)).map(outcome);
}

async function oneByOne(w: World, prefix: string, specs: PushSpec[], mutators = serverMutators): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const spec of specs) {
    const { actor, req } = request(w, prefix, spec);
    out.push(
      outcome(
        await processPush(testDb.db, actor, req, mutators, options).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        ),
      ),
    );
  }
  return out;
}

/** Everything the pushes can have written in the organization, as comparable text. */
async function snapshot(w: World, prefix: string, answers: Outcome[], after: number): Promise<string> {
  const q = <R>(query: ReturnType<typeof sql>) => queryRows<R>(testDb.db, query);
  const state = {
    answers,
    jobs: await q(sql`select number, status, notes, status_reason, assignee_id, team_id, updated_by
                      from jobs where org_id = ${w.orgId} order by number`),
    messages: await q(sql`select job_id, author_id, body from job_messages where org_id = ${w.orgId} order by body`),
    formAnswers: await q(sql`select a.field_key, a.value, a.answered_by, a.history_count, a.conflict
                         from form_answers a where a.org_id = ${w.orgId} order by a.field_key`),
    history: await q(sql`select h.field_key, h.value, h.answered_by, h.replaced_by, h.concurrent
                         from form_answer_history h where h.org_id = ${w.orgId} order by h.field_key, h.replaced_at`),
    clients: await q(sql`select client_id, user_id, last_mutation_id from sync_clients
                         where org_id = ${w.orgId} order by client_id`),
    refused: await q(sql`select client_id, mutation_id, name, code, reason, args from sync_mutation_results
                         where org_id = ${w.orgId} order by client_id, mutation_id`),
    // What a pull ends with: the last entry of each row in each scope (a group logs one version for
    // all its pushes, so the intermediate states one by one logged are not in it), in the order of
    // those last writes.
    changes: await q(sql`select scope, entity, entity_id, op, row - 'updatedAt' as row from (
                           select distinct on (c.scope, c.entity, c.entity_id) c.*, r.row from ${loggedChanges}
                           where c.org_id = ${w.orgId} and c.version > ${after}
                           order by c.scope, c.entity, c.entity_id, c.version desc, c.id desc) as last
                         order by version, id`),
    audit:
      await q(sql`select client_id, mutation_id, user_id, action, entity, entity_id, job_id, changes from audit_events
                       where org_id = ${w.orgId} and client_id is not null order by client_id, mutation_id`),
  };
  // People's names end in a random suffix (buildWorld); refusals quote them.
  const text = JSON.stringify(state)
    .replaceAll(prefix, 'client')
    .replace(/\b(office|lead|tech1|tech2) [0-9a-f]{4}\b/g, '$1');
  return comparable(JSON.parse(text));
}

const versionOf = (w: World) => latestVersion(testDb.db, w.orgId);

/** How many transactions wrote the clients' rows last (rows written by one transaction share its xmin). */
async function transactionsOf(prefix: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    testDb.db,
    sql`select count(distinct xmin::text)::int as n from sync_clients where client_id like ${`${prefix}-%`}`,
  );
  return row!.n;
}

/** Runs the scenario as a group in one organization and one by one in another, and compares. */
async function compare(
  scenario: Scenario,
  mutators = serverMutators,
): Promise<{ group: Outcome[]; prefix: string; groupVersions: number }> {
  const [a, b] = [await buildWorld(testDb.db, { jobCount: 8 }), await buildWorld(testDb.db, { jobCount: 8 })];
  const [specsA, specsB] = [await scenario(a), await scenario(b)];
  const [afterA, afterB] = [await versionOf(a), await versionOf(b)];
  const [prefixA, prefixB] = [`grp-${newId()}`, `one-${newId()}`];
  const group = await asGroup(a, prefixA, specsA, mutators);
  const alone = await oneByOne(b, prefixB, specsB, mutators);
  const [sa, sb] = [await snapshot(a, prefixA, group, afterA), await snapshot(b, prefixB, alone, afterB)];
  expect(sa).toEqual(sb);
  const [row] = await queryRows<{ n: number }>(
    testDb.db,
    sql`select count(distinct version)::int as n from sync_changes where org_id = ${a.orgId} and version > ${afterA}`,
  );
  return { group, prefix: prefixA, groupVersions: row!.n };
}

const tech1Job = (w: World, i: number) => w.jobIds[1 + 2 * (i % 4)]!; // jobs 1, 3, 5, 7
const tech2Job = (w: World, i: number) => w.jobIds[2 + 2 * (i % 3)]!; // jobs 2, 4, 6
const notes = (jobId: string, text: string): Step => ({ name: 'updateJobNotes', args: { jobId, notes: text } });
const statuses = (o: Outcome) => o.value?.results.map((r) => r.status) ?? o.error;

describe('pushes of one organization in one transaction (processPushes)', () => {
  it('leave exactly what they leave one by one, in order: later pushes see the earlier ones, refusals included', async () => {
    const { group, prefix, groupVersions } = await compare((w) => [
      { who: 'tech1', client: 'c1', steps: [notes(tech1Job(w, 0), 'first'), notes(tech2Job(w, 0), 'not mine')] },
      {
        who: 'lead',
        client: 'c2',
        steps: [
          // Moves tech1's job to tech2: tech1's next change to it is refused, tech2's accepted.
          {
            name: 'assignJob',
            args: {
              jobId: tech1Job(w, 0),
              expectedAssigneeId: w.actors.tech1.userId,
              assigneeId: w.actors.tech2.userId,
              handoffNote: 'over to you',
            },
          },
        ],
      },
      { who: 'tech1', client: 'c3', steps: [notes(tech1Job(w, 0), 'too late'), notes(tech1Job(w, 1), 'still mine')] },
      {
        who: 'tech2',
        client: 'c4',
        steps: [
          notes(tech1Job(w, 0), 'mine now'),
          { name: 'transitionJob', args: { jobId: tech1Job(w, 0), to: 'in_progress' } },
          { name: 'postJobMessage', args: { id: newId(), jobId: tech1Job(w, 0), body: 'on site' } },
        ],
      },
    ]);
    expect(group.map(statuses)).toEqual([
      ['applied', 'refused'],
      ['applied'],
      ['refused', 'applied'],
      ['applied', 'applied', 'applied'],
    ]);
    // One transaction wrote all four clients' rows (they share its xmin), as one run: one version.
    expect(await transactionsOf(prefix)).toBe(1);
    expect(groupVersions).toBe(1);
  });

  it('answers a push refused as a whole alone (a gap, another person’s client, an old schema); the rest still apply', async () => {
    const { group, prefix } = await compare((w) => [
      { who: 'tech1', client: 'c1', steps: [notes(tech1Job(w, 0), 'a')] },
      // The server has applied nothing from c2: mutation 5 cannot come first.
      { who: 'tech2', client: 'c2', firstId: 5, steps: [notes(tech2Job(w, 0), 'gap')] },
      // c1 is tech1's client: tech2 may not push through it.
      { who: 'tech2', client: 'c1', firstId: 2, steps: [notes(tech2Job(w, 1), 'not your client')] },
      { who: 'tech2', client: 'c3', schemaVersion: SCHEMA_VERSION + 1, steps: [notes(tech2Job(w, 1), 'future')] },
      { who: 'tech1', client: 'c1', firstId: 2, steps: [notes(tech1Job(w, 1), 'b')] },
    ]);
    expect(group.map((o) => o.error ?? statuses(o))).toEqual([
      ['applied'],
      ERROR_CODES.mutationGap,
      ERROR_CODES.clientMismatch,
      expect.any(String),
      ['applied'],
    ]);
    // Nothing of the refused pushes was kept, not even a client row for the gap's new client.
    const clients = await queryRows<{ client_id: string }>(
      testDb.db,
      sql`select client_id from sync_clients where client_id like ${`${prefix}-%`} order by client_id`,
    );
    expect(clients.map((c) => c.client_id)).toEqual([`${prefix}-c1`]);
  });

  it('a push whose mutation needs the savepoint run runs alone, the pushes around it as groups, with the same outcome', async () => {
    const refusesAfterWriting: ServerMutators = {
      ...serverMutators,
      postJobMessage: async (tx, args, ctx) => {
        await serverMutators.postJobMessage(tx, args, ctx);
        if (args.body === 'refuse me') throw new AppError(ERROR_CODES.forbidden, 'refused after writing');
      },
    };
    const { group, prefix } = await compare(
      (w) => [
        { who: 'tech1', client: 'c1', steps: [notes(tech1Job(w, 0), 'one')] },
        { who: 'tech2', client: 'c2', steps: [notes(tech2Job(w, 2), 'two')] },
        {
          who: 'tech2',
          client: 'c3',
          steps: [
            notes(tech2Job(w, 0), 'three'),
            { name: 'postJobMessage', args: { id: newId(), jobId: tech2Job(w, 0), body: 'refuse me' } },
            notes(tech2Job(w, 1), 'four'),
          ],
        },
        { who: 'tech1', client: 'c4', steps: [notes(tech1Job(w, 1), 'five')] },
        { who: 'lead', client: 'c5', steps: [notes(tech1Job(w, 1), 'six')] },
      ],
      refusesAfterWriting,
    );
    expect(group.map(statuses)).toEqual([
      ['applied'],
      ['applied'],
      ['applied', 'refused', 'applied'],
      ['applied'],
      ['applied'],
    ]);
    // c1 and c2 committed together, c3 alone, c4 and c5 together: not five transactions.
    expect(await transactionsOf(prefix)).toBe(3);
  });

  it('two people answering one field in one group: the later answer is flagged as made without seeing the other', async () => {
    const { group, groupVersions } = await compare(async (w) => {
      const form = await publishWorldForm(testDb.db, w, 'Group form', [
        { key: 'make', label: 'Make', type: 'shortText' },
      ]);
      const responseId = newId();
      const answer = (value: string): Step => ({
        name: 'setAnswer',
        args: { responseId, fieldKey: 'make', value, capturedAt: new Date().toISOString() },
      });
      return [
        {
          who: 'tech1',
          client: 'c1',
          steps: [
            { name: 'startForm', args: { id: responseId, jobId: tech1Job(w, 0), templateVersionId: form.id } },
            answer('Acme'),
          ],
        },
        // The lead never saw tech1's answer (nothing was served to this client): a concurrent edit.
        { who: 'lead', client: 'c2', steps: [answer('Bosch')] },
        // tech1 answering again in the same push as nothing else: replaces the lead's, also unseen.
        { who: 'tech1', client: 'c3', steps: [answer('Acme 2')] },
      ];
    });
    expect(group.map(statuses)).toEqual([['applied', 'applied'], ['applied'], ['applied']]);
    expect(groupVersions).toBe(1);
  });

  it('hostile text in one push (NUL, a lone surrogate, RTL, 10,000 characters, an unknown mutation) is stored as alone', async () => {
    const hostile = `a\u0000b\uD800c \u202Eevil\u202C 🔧 ${'x'.repeat(9_960)}`;
    const { group, groupVersions } = await compare((w) => [
      { who: 'tech1', client: 'c1', steps: [notes(tech1Job(w, 0), 'plain')] },
      {
        who: 'tech2',
        client: 'c2',
        steps: [
          notes(tech2Job(w, 0), hostile),
          { name: 'dropTables', args: { why: hostile } },
          { name: 'postJobMessage', args: { id: newId(), jobId: tech2Job(w, 0), body: hostile.slice(0, 4000) } },
        ],
      },
      { who: 'lead', client: 'c3', steps: [notes(tech2Job(w, 0), `after ${hostile.slice(0, 20)}`)] },
    ]);
    expect(group.map(statuses)).toEqual([['applied'], ['applied', 'refused', 'applied'], ['applied']]);
    // It went through the group's shared statements, not a fallback.
    expect(groupVersions).toBe(1);
  });

  it('a retry queued behind its own first attempt is answered as a replay, applied once', async () => {
    const { group } = await compare((w) => [
      { who: 'tech1', client: 'c1', steps: [notes(tech1Job(w, 0), 'once'), notes(tech2Job(w, 0), 'refused once')] },
      { who: 'tech1', client: 'c1', steps: [notes(tech1Job(w, 0), 'once'), notes(tech2Job(w, 0), 'refused once')] },
    ]);
    expect(group[1]).toEqual(group[0]);
    expect(group[0]!.value!.lastMutationId).toBe(2);
  });

  it('two groups at once touching the same jobs in opposite orders neither deadlock nor lose a change', async () => {
    const w = await buildWorld(testDb.db, { jobCount: 8 });
    const prefix = `par-${newId()}`;
    const jobsInOrder = [0, 1, 2, 3].map((i) => tech1Job(w, i));
    const group = (name: string, order: string[]): GroupedPush[] =>
      order.map((jobId, i) =>
        request(w, prefix, { who: 'tech1', client: `${name}${i}`, steps: [notes(jobId, `${name}${i}`)] }),
      );
    const [forward, backward] = await Promise.all([
      processPushes(testDb.db, group('f', jobsInOrder), serverMutators, options),
      processPushes(testDb.db, group('b', [...jobsInOrder].reverse()), serverMutators, options),
    ]);
    expect([...forward, ...backward].map((s) => statuses(outcome(s)))).toEqual(
      Array.from({ length: 8 }, () => ['applied']),
    );
    // Both groups committed whole, one after the other: the later group's notes are the jobs' notes.
    const rows = await queryRows<{ notes: string }>(
      testDb.db,
      sql`select notes from jobs where id in ${sql.raw(`('${jobsInOrder.join("','")}')`)} order by number`,
    );
    const notesNow = rows.map((r) => r.notes);
    expect([
      ['f0', 'f1', 'f2', 'f3'],
      ['b3', 'b2', 'b1', 'b0'],
    ]).toContainEqual(notesNow);
    expect(await transactionsOf(prefix)).toBe(2);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'random pushes of three people over shared jobs and one form (seed %i) leave what they leave one by one',
    async (seed) => {
      const { group } = await compare(async (w) => randomScenario(w, seed, await sharedForm(w)));
      expect(group.every((o) => o.value !== undefined)).toBe(true);
    },
  );

  it('gives every push of a group the database’s outage, without running them again one by one', async () => {
    const w = await buildWorld(testDb.db);
    // A real driver against a port nothing listens on: every connection attempt is refused.
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', max: 1 });
    let connects = 0;
    const connect = pool.connect.bind(pool);
    pool.connect = (() => {
      connects++;
      return connect();
    }) as typeof pool.connect;
    const down = drizzle(pool) as unknown as AnyDb;
    const pushes = ['a', 'b', 'c', 'd'].map((client, i) =>
      request(w, `down-${newId()}`, { who: 'tech1', client, steps: [notes(tech1Job(w, i), client)] }),
    );
    try {
      const settled = await processPushes(down, pushes, serverMutators, options);
      expect(settled.map((s) => (s.status === 'rejected' ? sqlCode(s.reason) : 'fulfilled'))).toEqual(
        Array.from({ length: 4 }, () => 'ECONNREFUSED'),
      );
      // The group's one attempt; before, each push and each smaller group tried again.
      expect(connects).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('refuses to mix organizations in one transaction', async () => {
    const [a, b] = [await buildWorld(testDb.db), await buildWorld(testDb.db)];
    const pushes = [
      request(a, 'mix', { who: 'tech1', client: 'a', steps: [] }),
      request(b, 'mix', { who: 'tech1', client: 'b', steps: [] }),
    ];
    await expect(processPushes(testDb.db, pushes, serverMutators)).rejects.toThrow('one organization');
  });
});

/** A published one-field form, and a response tech1 started on their first job (its id shared by every push). */
async function sharedForm(w: World): Promise<{ versionId: string; responseId: string }> {
  const form = await publishWorldForm(testDb.db, w, 'Random form', [
    { key: 'make', label: 'Make', type: 'shortText' },
    { key: 'serial', label: 'Serial', type: 'shortText' },
  ]);
  return { versionId: form.id, responseId: newId() };
}

/**
 * 3–8 pushes by tech1, tech2 and the lead, 1–4 mutations each, over jobs they share: notes (their
 * own job or another's: refused), status changes (legal or not), messages, reassignments by the
 * lead, a form tech1 starts first and everyone answers, and sometimes a second push through a
 * client already used (its ids continuing), so groups of both kinds run.
 */
function randomScenario(w: World, seed: number, form: { versionId: string; responseId: string }): PushSpec[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const jobs = [tech1Job(w, 0), tech1Job(w, 1), tech2Job(w, 0), tech2Job(w, 1)];
  const people = ['tech1', 'tech2', 'lead'] as const;
  const used: { who: (typeof people)[number]; client: string; nextId: number }[] = [];
  const specs: PushSpec[] = [
    {
      who: 'tech1',
      client: 'form',
      steps: [
        { name: 'startForm', args: { id: form.responseId, jobId: tech1Job(w, 0), templateVersionId: form.versionId } },
      ],
    },
  ];
  used.push({ who: 'tech1', client: 'form', nextId: 2 });
  const pushes = 2 + Math.floor(next() * 6);
  for (let p = 0; p < pushes; p++) {
    const reuse = used.length > 0 && next() < 0.25 ? pick(used) : null;
    const who = reuse?.who ?? pick(people);
    const client = reuse?.client ?? `r${p}`;
    const count = 1 + Math.floor(next() * 4);
    const steps: Step[] = Array.from({ length: count }, (_, i): Step => {
      const r = next();
      const jobId = pick(jobs);
      if (r < 0.35) return notes(jobId, `${who} ${p}.${i}`);
      if (r < 0.55) {
        const to = pick(['in_progress', 'paused', 'completed'] as const);
        return { name: 'transitionJob', args: { jobId, to, ...(to === 'paused' ? { reason: 'parts' } : {}) } };
      }
      if (r < 0.7) return { name: 'postJobMessage', args: { id: newId(), jobId, body: `${who} says ${p}.${i}` } };
      if (r < 0.8 && who === 'lead') {
        return {
          name: 'assignJob',
          args: {
            jobId,
            expectedAssigneeId: null,
            assigneeId: pick([w.actors.tech1.userId, w.actors.tech2.userId]),
            handoffNote: `moved ${p}.${i}`,
          },
        };
      }
      return {
        name: 'setAnswer',
        args: {
          responseId: form.responseId,
          fieldKey: pick(['make', 'serial']),
          value: `${who} ${p}.${i}`,
          capturedAt: '2026-12-02T09:00:00.000Z',
        },
      };
    });
    const entry = reuse ?? { who, client, nextId: 1 };
    specs.push({ who, client, firstId: entry.nextId, steps });
    entry.nextId += count;
    if (!reuse) used.push(entry);
  }
  return specs;
}

/** The error code of a driver error, also when drizzle wrapped it. */
function sqlCode(error: unknown): unknown {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return e.code ?? e.cause?.code;
}

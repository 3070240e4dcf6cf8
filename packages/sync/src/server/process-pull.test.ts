import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scope, type Actor } from '@lastmile/domain';
import { pullResponseSchema } from '../protocol.ts';
import type { AnyDb } from './db-types.ts';
import { openSyncTestDb } from './test-sync-tables.ts';
import { writeInOrg } from './change-recorder.ts';
import { processPull, processPullJson } from './process-pull.ts';

/**
 * The HTTP route serves `processPullJson` (stored rows spliced in as text, no zod pass); it must
 * say exactly what `processPull` says, and exactly what the response schema lets through.
 */
const orgId = '00000000-0000-4000-8000-000000000001';
const actor: Actor = {
  userId: '00000000-0000-4000-8000-000000000002',
  orgId,
  role: 'technician',
  teamId: '00000000-0000-4000-8000-000000000003',
};

let db: AnyDb;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openSyncTestDb());
});

afterAll(async () => {
  await close();
});

/** A row of any shape, as the recorder takes it. */
const row = (r: { id: string } & Record<string, unknown>) => r;

describe('processPullJson', () => {
  it('answers exactly what processPull answers, in the schema’s shape, across pages', async () => {
    const ref = scope.ref(orgId);
    const user = scope.user(actor.userId);
    await writeInOrg(db, orgId, async (_tx, rec) => {
      rec.put(
        'jobs',
        row({
          id: 'j1',
          title: 'Quotes " and \\ backslashes, ünïcödé ✓, emoji 🚐',
          notes: null,
          n: 1.5e-7,
          big: 12345678901,
          nested: { a: [1, 'x', null, true] },
        }),
        [user],
      );
      rec.put('teams', row({ id: 't1', name: 'Team\nNewline\ttab' }), [ref]);
      rec.put('jobs', row({ id: 'j2', title: 'second' }), [user]);
    });
    await writeInOrg(db, orgId, async (_tx, rec) => {
      rec.put('jobs', row({ id: 'j1', title: 'j1 again (the later state wins)' }), [user]);
      rec.delete('jobs', 'j2', [user]);
    });
    await db.execute(
      sql`insert into sync_clients (client_id, org_id, user_id, last_mutation_id) values ('client-1', ${orgId}, ${actor.userId}, 3)`,
    );
    await db.execute(sql`insert into sync_mutation_results (client_id, mutation_id, org_id, user_id, name, args, code, reason)
      values ('client-1', 2, ${orgId}, ${actor.userId}, 'updateJobNotes', ${JSON.stringify({ jobId: 'j9', notes: 'é"' })}::jsonb, 'forbidden', 'Not yours.')`);

    for (const limit of [2, 100]) {
      let cursor: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const req = { schemaVersion: 1, clientId: 'client-1', cursor, pendingFrom: 1, limit };
        const objectAnswer = await processPull(db, actor, req);
        const json = await processPullJson(db, actor, req);
        const parsed = JSON.parse(json) as unknown;
        expect(parsed).toEqual(objectAnswer);
        expect(JSON.stringify(pullResponseSchema.parse(parsed))).toBe(JSON.stringify(parsed));
        expect(objectAnswer.refused).toEqual([
          {
            id: 2,
            name: 'updateJobNotes',
            args: { jobId: 'j9', notes: 'é"' },
            code: 'forbidden',
            reason: 'Not yours.',
            processedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          },
        ]);
        cursor = objectAnswer.cursor;
        if (!objectAnswer.more) break;
      }
    }
    const all = JSON.parse(
      await processPullJson(db, actor, {
        schemaVersion: 1,
        clientId: 'client-1',
        cursor: null,
        pendingFrom: 1,
        limit: 100,
      }),
    ) as { changes: unknown[] };
    expect(all.changes).toEqual([
      { op: 'put', entity: 'teams', id: 't1', row: { id: 't1', name: 'Team\nNewline\ttab' } },
      { op: 'put', entity: 'jobs', id: 'j1', row: { id: 'j1', title: 'j1 again (the later state wins)' } },
      { op: 'del', entity: 'jobs', id: 'j2' },
    ]);
  });

  it('continues from a cursor in one statement and no transaction, and answers as the snapshot path does', async () => {
    const user = scope.user(actor.userId);
    await db.execute(
      sql`insert into sync_clients (client_id, org_id, user_id, last_mutation_id) values ('client-2', ${orgId}, ${actor.userId}, 0)`,
    );
    const first = await processPull(db, actor, {
      schemaVersion: 1,
      clientId: 'client-2',
      cursor: null,
      pendingFrom: 1,
      limit: 100,
    });
    await writeInOrg(db, orgId, async (_tx, rec) =>
      rec.put('jobs', row({ id: 'j3', title: 'after the cursor' }), [user]),
    );
    const transactions = vi.spyOn(db, 'transaction');
    try {
      const next = { schemaVersion: 1, clientId: 'client-2', cursor: first.cursor, pendingFrom: 1, limit: 100 };
      const atOnce = await processPull(db, actor, next);
      expect(transactions).not.toHaveBeenCalled();
      expect(atOnce.changes).toEqual([
        { op: 'put', entity: 'jobs', id: 'j3', row: { id: 'j3', title: 'after the cursor' } },
      ]);
      // A technician pulls two scopes: a page with a delete is read in the snapshot, where the
      // delete's visibility through the other scope is judged, and it says the same about puts.
      await writeInOrg(db, orgId, async (_tx, rec) => rec.delete('jobs', 'j3', [user]));
      transactions.mockClear();
      const withDelete = await processPull(db, actor, { ...next, cursor: atOnce.cursor });
      expect(transactions).toHaveBeenCalledTimes(1);
      expect(withDelete.changes).toEqual([{ op: 'del', entity: 'jobs', id: 'j3' }]);
    } finally {
      transactions.mockRestore();
    }
  });
});

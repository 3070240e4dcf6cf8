import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnyDb } from './db-types.ts';
import { openSyncTestDb } from './test-sync-tables.ts';
import { ChangeRecorder, flushChanges } from './change-recorder.ts';
import { queryRows } from './raw.ts';
import { runTrailingWrites, type TrailingWrite } from './trailing-writes.ts';

const orgId = '00000000-0000-4000-8000-000000000001';

let db: AnyDb;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openSyncTestDb());
  await db.execute(sql`create table notes (id int primary key, body text not null check (body <> ''))`);
  await db.execute(sql`create table trail (id serial primary key, what text not null)`);
});

afterAll(async () => {
  await close();
});

beforeEach(async () => {
  await db.execute(sql`truncate notes, trail, sync_changes, sync_change_rows, sync_org_versions, sync_clients`);
  await db.execute(sql`insert into notes values (1, 'a'), (2, 'b')`);
  await db.execute(
    sql`insert into sync_clients (client_id, org_id, user_id) values ('c1', ${orgId}, '00000000-0000-4000-8000-000000000002')`,
  );
});

function setBodies(ids: number[], body: string): TrailingWrite {
  return {
    label: 'notes',
    rows: ids.length,
    query: sql`update notes set body = ${body} where id = any(${`{${ids.join(',')}}`}::int[]) returning id`,
  };
}

const trail = (what: string): TrailingWrite => ({
  label: 'trail',
  query: sql`insert into trail (what) values (${what})`,
});

describe('trailing writes', () => {
  it('ride in the change log statement: rows, trail, client and log commit together', async () => {
    const recorder = new ChangeRecorder();
    recorder.put('jobs', { id: 'j1' }, ['org']);
    const version = await db.transaction((tx) =>
      flushChanges(tx, orgId, recorder, [{ clientId: 'c1', lastMutationId: 7 }], [setBodies([1, 2], 'x'), trail('t')]),
    );
    expect(version).toBe(1);
    expect(await queryRows(db, sql`select id, body from notes order by id`)).toEqual([
      { id: 1, body: 'x' },
      { id: 2, body: 'x' },
    ]);
    expect(await queryRows(db, sql`select what from trail`)).toEqual([{ what: 't' }]);
    expect(await queryRows(db, sql`select last_mutation_id from sync_clients`)).toEqual([{ last_mutation_id: 7 }]);
    expect(await queryRows(db, sql`select version, entity_id from sync_changes`)).toEqual([
      { version: 1, entity_id: 'j1' },
    ]);
  });

  it('still run, with the client, when the push changed nothing replicated', async () => {
    const version = await db.transaction((tx) =>
      flushChanges(tx, orgId, new ChangeRecorder(), [{ clientId: 'c1', lastMutationId: 3 }], [trail('refused only')]),
    );
    expect(version).toBeNull();
    expect(await queryRows(db, sql`select what from trail`)).toEqual([{ what: 'refused only' }]);
    expect(await queryRows(db, sql`select last_mutation_id from sync_clients`)).toEqual([{ last_mutation_id: 3 }]);
    expect(await queryRows(db, sql`select count(*)::int as n from sync_changes`)).toEqual([{ n: 0 }]);
  });

  it('fail the whole statement when a checked write wrote fewer rows than it must', async () => {
    const recorder = new ChangeRecorder();
    recorder.put('jobs', { id: 'j1' }, ['org']);
    // Row 3 does not exist: the write claims 2 rows and writes 1.
    await expect(
      db.transaction((tx) =>
        flushChanges(tx, orgId, recorder, [{ clientId: 'c1', lastMutationId: 9 }], [setBodies([1, 3], 'y')]),
      ),
    ).rejects.toThrow('notes: wrote 1 of 2 rows');
    expect(await queryRows(db, sql`select body from notes where id = 1`)).toEqual([{ body: 'a' }]);
    expect(await queryRows(db, sql`select count(*)::int as n from sync_changes`)).toEqual([{ n: 0 }]);
    expect(await queryRows(db, sql`select last_mutation_id from sync_clients`)).toEqual([{ last_mutation_id: 0 }]);
  });

  it('take the version bump and the log down with them when one of them is refused by the database', async () => {
    const recorder = new ChangeRecorder();
    recorder.put('jobs', { id: 'j1' }, ['org']);
    await expect(
      db.transaction((tx) => flushChanges(tx, orgId, recorder, [], [trail('kept?'), setBodies([1], '')])),
    ).rejects.toMatchObject({ cause: { code: '23514' } });
    expect(await queryRows(db, sql`select count(*)::int as n from trail`)).toEqual([{ n: 0 }]);
    expect(await queryRows(db, sql`select count(*)::int as n from sync_org_versions`)).toEqual([{ n: 0 }]);
  });

  it('run on their own as one statement, checked the same way', async () => {
    await db.transaction((tx) => runTrailingWrites(tx, [setBodies([2], 'z'), trail('alone')]));
    expect(await queryRows(db, sql`select body from notes where id = 2`)).toEqual([{ body: 'z' }]);
    await expect(db.transaction((tx) => runTrailingWrites(tx, [setBodies([5], 'w')]))).rejects.toThrow(
      'notes: wrote 0 of 1 rows',
    );
  });
});

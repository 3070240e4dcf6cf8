import { sql } from 'drizzle-orm';
import { newId, scope, type Actor } from '@lastmile/domain';
import type { PullResponse } from '@lastmile/sync';
import { processPull, queryRows, writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { loggedChanges } from '../test/logged-changes.ts';

/**
 * A change log written by hand for the pull and compaction tests: rows that move between scopes,
 * whose truth lives in `change_log_truth` written in the same transaction as their entries, and
 * a client that pulls them as the web app would (reset drops everything, put sets, del deletes).
 * The actor is a lead with a crew of three technicians and another lead, so a pull reads 8 scopes.
 */
export type Model = {
  orgId: string;
  actor: Actor;
  crew: Actor[];
  /** The client's scopes, and as many that are not its. */
  clientScopes: string[];
  otherScopes: string[];
};

export async function createTruthTable(db: AnyDb): Promise<void> {
  await db.execute(sql`create table if not exists change_log_truth (
    org_id uuid not null, id text not null, scopes text[] not null, value int not null, primary key (org_id, id))`);
}

export async function newModel(db: AnyDb): Promise<Model> {
  const orgId = newId();
  const [teamA, teamB, teamC] = [newId(), newId(), newId()];
  const actor: Actor = { userId: newId(), orgId, role: 'lead', teamId: teamA };
  const crew: Actor[] = [
    { userId: newId(), orgId, role: 'technician', teamId: teamA },
    { userId: newId(), orgId, role: 'technician', teamId: teamA },
    { userId: newId(), orgId, role: 'technician', teamId: teamB },
    { userId: newId(), orgId, role: 'lead', teamId: teamB },
  ];
  await db.execute(sql`insert into sync_org_versions (org_id) values (${orgId})`);
  return {
    orgId,
    actor,
    crew,
    clientScopes: [
      scope.ref(orgId),
      scope.team(teamA),
      scope.team(teamB),
      ...[actor, ...crew].map((a) => scope.user(a.userId)),
    ],
    otherScopes: [scope.org(orgId), scope.team(teamC), scope.user(newId()), scope.user(newId())],
  };
}

/** Sets row `id` to `value`, visible in `scopes` (none: deleted), logging what each scope must learn. */
export async function writeRow(db: AnyDb, model: Model, id: string, scopes: string[], value: number): Promise<void> {
  await writeInOrg(db, model.orgId, async (tx, recorder) => {
    const [before] = await queryRows<{ scopes: string[] }>(
      tx,
      sql`select scopes from change_log_truth where org_id = ${model.orgId} and id = ${id} for update`,
    );
    const was = before?.scopes ?? [];
    if (scopes.length === 0) {
      await tx.execute(sql`delete from change_log_truth where org_id = ${model.orgId} and id = ${id}`);
      recorder.delete('jobs', id, was);
      return;
    }
    await tx.execute(sql`insert into change_log_truth (org_id, id, scopes, value)
      values (${model.orgId}, ${id}, ${sql`array[${sql.join(
        scopes.map((s) => sql`${s}`),
        sql`, `,
      )}]::text[]`}, ${value})
      on conflict (org_id, id) do update set scopes = excluded.scopes, value = excluded.value`);
    const row: { id: string; value: number } = { id, value };
    recorder.move('jobs', row, was, scopes);
  });
}

/** What the client must hold: every row visible in one of its scopes, with its value. */
export async function expectedRows(db: AnyDb, model: Model): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: string; value: number; scopes: string[] }>(
    db,
    sql`select id, value, scopes from change_log_truth where org_id = ${model.orgId}`,
  );
  return new Map(
    rows.filter((r) => r.scopes.some((s) => model.clientScopes.includes(s))).map((r) => [r.id, Number(r.value)]),
  );
}

export class ModelClient {
  readonly rows = new Map<string, number>();
  cursor: string | null = null;
  resets = 0;
  pages = 0;
  readonly clientId = `model-${newId()}`;

  constructor(
    private readonly db: AnyDb,
    private readonly model: Model,
  ) {}

  /** One page; returns it. */
  async pullPage(limit: number): Promise<PullResponse> {
    const page = await processPull(
      this.db,
      this.model.actor,
      { schemaVersion: 1, clientId: this.clientId, cursor: this.cursor, pendingFrom: 0, limit },
      // The model's crew, handed back by the pull's first statement as the real query's rows are.
      {
        crew: {
          query: () =>
            sql`select * from jsonb_to_recordset(${JSON.stringify(this.model.crew)}::jsonb) as m("userId" text)`,
          actors: (rows) => rows.map((r) => this.model.crew.find((a) => a.userId === r['userId'])!),
        },
      },
    );
    this.pages++;
    if (page.reset) {
      this.resets++;
      this.rows.clear();
    }
    for (const c of page.changes) {
      if (c.op === 'put') this.rows.set(c.id, Number(c.row['value']));
      else this.rows.delete(c.id);
    }
    this.cursor = page.cursor;
    return page;
  }

  async pullToEnd(limit: number): Promise<void> {
    for (let i = 0; i < 100_000; i++) if (!(await this.pullPage(limit)).more) return;
    throw new Error('pull never reached the end');
  }
}

/**
 * How the organization's log holds its rows (ADR 0045): `put` entries whose row is missing (a pull
 * would serve them without a row) and rows no entry points at any more (compaction left them).
 * Both must be 0.
 */
export async function changeRowsAudit(
  db: AnyDb,
  orgId: string,
): Promise<{ putsWithoutRow: number; orphanRows: number }> {
  const [counts] = await queryRows<{ putsWithoutRow: number; orphanRows: number }>(
    db,
    sql`select
          (select count(*)::int from ${loggedChanges} where c.org_id = ${orgId} and c.op = 'put' and r.row is null
          ) as "putsWithoutRow",
          (select count(*)::int from sync_change_rows r where r.org_id = ${orgId} and not exists (
             select 1 from sync_changes c
             where c.org_id = r.org_id and c.version = r.version and c.entity = r.entity and c.entity_id = r.entity_id
               and c.op = 'put')
          ) as "orphanRows"`,
  );
  return counts!;
}

/**
 * Lets `days` pass for compaction's horizon by time (ADR 0047): the organization's version marks
 * move that far into the past, as if compaction had written them days ago.
 */
export function letDaysPass(db: AnyDb, orgId: string, days: number) {
  return db.execute(
    sql`update sync_version_marks set at = at - ${days}::float8 * interval '1 day' where org_id = ${orgId}`,
  );
}

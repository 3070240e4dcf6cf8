/**
 * The change log of an organization with `jobCount` jobs, written with set-based SQL in seconds
 * (the push path would take minutes): on top of office-world.ts's tables, one entry per job and
 * scope (org, team, assignee) as createJob logs them, the reference rows under `ref:`, then
 * `edits` later edits of random jobs, each its own version with an entry per scope of the job (as
 * updateJobNotes logs them), so the log holds superseded entries like a log in use. Each version's
 * row is written once into sync_change_rows, as the flush does (ADR 0045): the tables' rows as
 * JSON (`to_jsonb`), about the size of the wire rows.
 */
import { sql } from 'drizzle-orm';
import { newId, type Actor } from '@lastmile/domain';
import { queryRows, type AnyDb } from '@lastmile/sync/server';
import { users } from '../src/db/schema/index.ts';
import { buildOfficeWorld, type OfficeWorld } from './office-world.ts';

export type ChangeLogWorld = OfficeWorld & { office: Actor; tech: Actor; logRows: number; version: number };

export async function buildChangeLogWorld(db: AnyDb, jobCount: number, edits: number): Promise<ChangeLogWorld> {
  const world = await buildOfficeWorld(db, jobCount);
  const { orgId } = world;
  const officeId = newId();
  await db.insert(users).values({
    id: officeId,
    orgId,
    name: 'Office bench',
    email: `office-${officeId}@t.test`,
    passwordHash: 'x',
    role: 'office',
  });
  await db.execute(sql`
    with refs as (
      select ${orgId}::uuid as org_id, row_number() over (order by entity, id) as version, entity, id, row
      from (
        select 'customers' as entity, id::text, to_jsonb(c) as row from customers c where org_id = ${orgId}
        union all select 'sites', id::text, to_jsonb(s) from sites s where org_id = ${orgId}
        union all select 'users', id::text, to_jsonb(u) - 'password_hash' from users u where org_id = ${orgId}
        union all select 'teams', id::text, to_jsonb(t) from teams t where org_id = ${orgId}
        union all select 'jobTypes', id::text, to_jsonb(t) from job_types t where org_id = ${orgId}
      ) r
    ), rows as (
      insert into sync_change_rows (org_id, version, entity, entity_id, row)
      select org_id, version, entity, id, row from refs
    )
    insert into sync_changes (org_id, version, scope, entity, entity_id, op)
    select org_id, version, 'ref:' || ${orgId}, entity, id, 'put' from refs order by version`);
  const [refs] = await queryRows<{ v: number }>(
    db,
    sql`select max(version)::int as v from sync_changes where org_id = ${orgId}`,
  );
  const base = refs?.v ?? 0;
  await db.execute(sql`create unlogged table bench_jobs as
    select row_number() over (order by number)::int as n, id, team_id, assignee_id, to_jsonb(j) - 'search_text' as row
    from jobs j where org_id = ${orgId}`);
  await db.execute(sql`create index on bench_jobs (n)`);
  // One version per job, then one per edit: the row once, and an entry under each of the job's org,
  // team and assignee scopes.
  await db.execute(sql`insert into sync_change_rows (org_id, version, entity, entity_id, row)
    select ${orgId}::uuid, ${base} + j.n, 'jobs', j.id::text, j.row from bench_jobs j`);
  await db.execute(sql`
    insert into sync_changes (org_id, version, scope, entity, entity_id, op)
    select ${orgId}::uuid, ${base} + j.n, s.scope, 'jobs', j.id::text, 'put'
    from bench_jobs j
    cross join lateral (values ('org:' || ${orgId}), ('team:' || j.team_id), ('user:' || j.assignee_id)) s(scope)
    where s.scope is not null
    order by j.n`);
  await db.execute(sql`create unlogged table bench_edits as
    select ${base + jobCount} + e.k as version, j.id, j.team_id, j.assignee_id,
           jsonb_set(j.row, '{notes}', to_jsonb('Edited on site, visit ' || e.k)) as row
    from generate_series(1, ${edits}) e(k)
    join bench_jobs j on j.n = (e.k * 7919) % ${jobCount} + 1`);
  await db.execute(sql`insert into sync_change_rows (org_id, version, entity, entity_id, row)
    select ${orgId}::uuid, e.version, 'jobs', e.id::text, e.row from bench_edits e`);
  await db.execute(sql`
    insert into sync_changes (org_id, version, scope, entity, entity_id, op)
    select ${orgId}::uuid, e.version, s.scope, 'jobs', e.id::text, 'put'
    from bench_edits e
    cross join lateral (values ('org:' || ${orgId}), ('team:' || e.team_id), ('user:' || e.assignee_id)) s(scope)
    where s.scope is not null
    order by e.version`);
  await db.execute(sql`drop table bench_edits`);
  await db.execute(sql`drop table bench_jobs`);
  const version = base + jobCount + edits;
  await db.execute(sql`insert into sync_org_versions (org_id, version) values (${orgId}, ${version})
    on conflict (org_id) do update set version = excluded.version`);
  await db.execute(sql`vacuum analyze sync_changes`);
  await db.execute(sql`vacuum analyze sync_change_rows`);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from sync_changes where org_id = ${orgId}`,
  );
  const techId = world.techIds[1]!;
  return {
    ...world,
    office: { userId: officeId, orgId, role: 'office', teamId: null },
    tech: { userId: techId, orgId, role: 'technician', teamId: world.teamIds[1]! },
    logRows: count?.n ?? 0,
    version,
  };
}

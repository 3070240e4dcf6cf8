/**
 * The load benchmark's baseline: the same cycle as `HttpDevice` — one job's notes updated under
 * the client's and the organization's locks, its row logged once and an entry per scope under the
 * next version (ADR 0045) with a poke, the client's last mutation id set; then a pull to the head of its scopes —
 * written as plain SQL on a pg pool of the API's size, with no HTTP, no ORM and no checks.
 */
import type pg from 'pg';
import { POKE_CHANNEL } from '@lastmile/sync/server';
import { workScopes } from '@lastmile/domain';
import { PULL_LIMIT, type HttpDevice } from './http-device.ts';

export class RawDevice {
  private version = 0;
  private id = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly http: HttpDevice,
  ) {
    // Start where the device's HTTP cursor stands ("version.id.scopeHash…").
    const [v, i] = (http.cursor ?? '0.0').split('.');
    this.version = Number(v);
    this.id = Number(i);
  }

  async cycle(): Promise<[number, number]> {
    const start = performance.now();
    await this.push();
    const pushed = performance.now();
    await this.pull();
    return [pushed - start, performance.now() - start];
  }

  private async push(): Promise<void> {
    const { device, clientId } = this.http;
    const { actor, jobIds } = device;
    const id = this.http.nextMutation++;
    const jobId = jobIds[id % jobIds.length]!;
    const scopes = workScopes({ orgId: actor.orgId, teamId: actor.teamId, userIds: [actor.userId] });
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into sync_clients (client_id, org_id, user_id) values ($1, $2, $3)
         on conflict (client_id) do update set last_seen_at = now() returning last_mutation_id`,
        [clientId, actor.orgId, actor.userId],
      );
      await client.query('select 1 from sync_org_versions where org_id = $1 for no key update', [actor.orgId]);
      const updated = await client.query<{ row: unknown }>(
        `update jobs set notes = $1, updated_at = now(), updated_by = $2 where id = $3 and org_id = $4
         returning to_jsonb(jobs.*) as row`,
        [`load note ${id} ${'x'.repeat(60)}`, actor.userId, jobId, actor.orgId],
      );
      await client.query(
        `with v as (update sync_org_versions set version = version + 1 where org_id = $1 returning version),
              c as (update sync_clients set last_mutation_id = $2, last_seen_at = now() where client_id = $3),
              rw as (insert into sync_change_rows (org_id, version, entity, entity_id, row)
                     select $1, v.version, 'jobs', $4, $5::jsonb from v),
              ins as (insert into sync_changes (org_id, version, scope, entity, entity_id, op)
                      select $1, v.version, s.scope, 'jobs', $4, 'put' from v, unnest($6::text[]) as s(scope))
         select v.version, pg_notify($7, $1::text) from v`,
        [actor.orgId, id, clientId, jobId, JSON.stringify(updated.rows[0]?.row), scopes, POKE_CHANNEL],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async pull(): Promise<void> {
    const { actor } = this.http.device;
    for (;;) {
      // Each scope's index range read in order and merged (a Merge Append), as a pull page is read.
      const perScope = this.http.device.scopes.map(
        (_, i) => `(select version, id, scope, entity, entity_id, op from sync_changes
           where org_id = $1 and scope = $${i + 5} and (version, id) > ($2, $3) order by version, id limit $4)`,
      );
      const page = await this.pool.query<{ version: string; id: string; row: string | null }>(
        `select c.version, c.id, c.scope, c.entity, c.entity_id, c.op, r.row::text as row
         from (select * from (${perScope.join(' union all ')}) u order by version, id limit $4) c
         left join sync_change_rows r
           on c.op = 'put' and r.org_id = $1 and r.version = c.version and r.entity = c.entity and r.entity_id = c.entity_id
         order by c.version, c.id`,
        [actor.orgId, this.version, this.id, PULL_LIMIT + 1, ...this.http.device.scopes],
      );
      const rows = page.rows.slice(0, PULL_LIMIT);
      const last = rows.at(-1);
      if (last) {
        this.version = Number(last.version);
        this.id = Number(last.id);
      }
      if (page.rows.length <= PULL_LIMIT) break;
    }
    // Hand the position back to the HTTP device so its next pull does not re-read these changes.
    const rest = (this.http.cursor ?? '0.0.00000000').split('.').slice(2);
    this.http.cursor = [this.version, this.id, ...rest].join('.');
  }
}

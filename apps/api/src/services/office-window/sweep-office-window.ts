import { inArray, sql, type SQL } from 'drizzle-orm';
import { CLOSED_JOB_STATUSES, scope } from '@lastmile/domain';
import { queryRows, writeInOrg, type AnyDb, type AnyTx, type ChangeRecorder, type DbOrTx } from '@lastmile/sync/server';
import { officeWindowDepartures } from '../../db/schema/index.ts';
import { withAdvisoryLock } from '../advisory-lock.ts';
import { officeWindowSettingsFrom } from '../org-settings.ts';
import { jobTreeKeys, putJobTrees } from './job-tree.ts';

/** Any number that no other advisory lock of the app uses: "LMOW", lastmile office window. */
export const OFFICE_WINDOW_LOCK = 0x4c4d_4f57;

export type OfficeWindowRun = { organizations: number; departed: number; returned: number } | 'busy';

/** `orgId`: sweep that organization only (an admin applying its window now); else every one. */
type Options = { now?: Date; batchSize?: number; orgId?: string };

/**
 * Keeps the office's devices to open and recent work (ADR 0040). Per organization:
 *
 * - _Departures._ A closed job (approved or cancelled) not changed, and with no message in its
 *   thread, for the organization's `closedDays`, and not departed since its last change, has its
 *   rows deleted under `org:` (the scope only office and admin pull) and is noted in
 *   `office_window_departures`. Technicians' and leads' scopes are untouched.
 * - _Returns._ A departed job back in the window (reopened, changed, a new message in its thread,
 *   or the window grew) has its rows logged under `org:` again and leaves the table.
 *
 * Each batch is one transaction under the organization's write lock, so it is ordered with every
 * push: a change committed first makes the job recent (it is not taken), one committed after is
 * logged after the delete (the job comes back). A run twice does nothing more; across processes
 * one runs at a time (an advisory lock, as compaction).
 */
export async function sweepOfficeWindow(db: AnyDb, options: Options = {}): Promise<OfficeWindowRun> {
  return withAdvisoryLock(db, OFFICE_WINDOW_LOCK, () => sweepEach(db, options));
}

async function sweepEach(db: AnyDb, options: Options): Promise<OfficeWindowRun> {
  const only = options.orgId === undefined ? sql`` : sql`where id = ${options.orgId}`;
  const orgs = await queryRows<{ id: string; settings: Record<string, unknown> | null }>(
    db,
    sql`select id, settings from organizations ${only} order by id`,
  );
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  let departed = 0;
  let returned = 0;
  for (const org of orgs) {
    const days = officeWindowSettingsFrom(org.settings).closedDays;
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    returned += await inBatches(db, org.id, batchSize, (tx) => returning(tx, org.id, cutoff, batchSize), returnJobs);
    departed += await inBatches(db, org.id, batchSize, (tx) => departing(tx, org.id, cutoff, batchSize), departJobs);
  }
  return { organizations: orgs.length, departed, returned };
}

const closed = sql.join(
  CLOSED_JOB_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * A message in the job's thread since the cutoff: the job is being talked about, so it is recent
 * work even though the job itself did not change (posting a message does not touch the job's row).
 */
const talkedAbout = (jobId: SQL, cutoff: string) =>
  sql`exists (select 1 from job_messages m where m.job_id = ${jobId} and m.created_at >= ${cutoff}::timestamptz)`;

/** Closed, unchanged and not talked about since the cutoff, and not departed since its last change. */
async function departing(db: DbOrTx, orgId: string, cutoff: string, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select j.id from jobs j
         where j.org_id = ${orgId} and j.status in (${closed}) and j.updated_at < ${cutoff}::timestamptz
           and not ${talkedAbout(sql`j.id`, cutoff)}
           and not exists (select 1 from office_window_departures d
                            where d.job_id = j.id and d.departed_at >= j.updated_at)
         order by j.id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Departed, and open again, changed or talked about since the cutoff. */
async function returning(db: DbOrTx, orgId: string, cutoff: string, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select d.job_id as id from office_window_departures d join jobs j on j.id = d.job_id
         where d.org_id = ${orgId}
           and (j.status not in (${closed}) or j.updated_at >= ${cutoff}::timestamptz or ${talkedAbout(sql`j.id`, cutoff)})
         order by d.job_id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

type Apply = (tx: AnyTx, recorder: ChangeRecorder, orgId: string, jobIds: string[]) => Promise<void>;

/**
 * Finds a batch without any lock first (most runs find nothing), then finds it again under the
 * organization's write lock, where no push can change a job between the choice and the log.
 */
async function inBatches(
  db: AnyDb,
  orgId: string,
  batchSize: number,
  find: (db: DbOrTx) => Promise<string[]>,
  apply: Apply,
): Promise<number> {
  let total = 0;
  while ((await find(db)).length > 0) {
    const done = await writeInOrg(db, orgId, async (tx, recorder) => {
      const ids = await find(tx);
      if (ids.length > 0) await apply(tx, recorder, orgId, ids);
      return ids.length;
    });
    total += done;
    if (done < batchSize) break;
  }
  return total;
}

const departJobs: Apply = async (tx, recorder, orgId, jobIds) => {
  for (const key of await jobTreeKeys(tx, jobIds)) recorder.delete(key.entity, key.id, [scope.org(orgId)]);
  await tx
    .insert(officeWindowDepartures)
    .values(jobIds.map((jobId) => ({ jobId, orgId })))
    .onConflictDoUpdate({ target: officeWindowDepartures.jobId, set: { departedAt: sql`now()` } });
};

const returnJobs: Apply = async (tx, recorder, orgId, jobIds) => {
  await putJobTrees(tx, recorder, jobIds, [scope.org(orgId)]);
  await tx.delete(officeWindowDepartures).where(inArray(officeWindowDepartures.jobId, jobIds));
};

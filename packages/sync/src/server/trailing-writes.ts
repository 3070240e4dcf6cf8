import { sql, type SQL } from 'drizzle-orm';
import type { AnyTx } from './db-types.ts';
import { queryPrepared } from './raw.ts';

/**
 * A write a push makes at its end (the unit of work's buffered rows, the refusals, the audit
 * trail): one data-modifying statement that rides in the push's last statement as a CTE, beside
 * the change log's, instead of costing a round trip of its own while the organization's write
 * lock is held (ADR 0043).
 *
 * The rules that make that safe: every CTE of a statement sees the same snapshot and none sees
 * another's writes, so a trailing write must not read what another trailing write or the change
 * log writes in the same statement (foreign keys are checked at the end of the statement, after
 * all of them), and no two may write the same row. Its text must be the same for every call of
 * the same shape (values as parameters only): the statement is prepared, named after its text.
 */
export type TrailingWrite = {
  /** What it writes, for errors: `jobs (buffered)`. */
  label: string;
  /** An insert, update or delete; with `rows` set, it must return one row per row it wrote. */
  query: SQL;
  /**
   * How many rows it must write. Fewer means a row the push held locked was not written (a bug,
   * never the client's data): the statement's own result says so and the push fails loudly.
   */
  rows?: number;
};

/** `w0 as (…), w1 as (…)`: the writes as CTEs, to put after `with` (nothing when there are none). */
export function trailingCtes(writes: readonly TrailingWrite[]): SQL[] {
  return writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.query})`);
}

/** The columns of the statement's result that count what each checked write wrote (`w0_rows`). */
export function trailingCounts(writes: readonly TrailingWrite[]): SQL {
  const counts = writes.flatMap((w, i) =>
    w.rows === undefined ? [] : [sql`, (select count(*) from ${sql.raw(`w${i}`)}) as ${sql.raw(`w${i}_rows`)}`],
  );
  return sql.join(counts);
}

/** Throws when a checked write wrote another number of rows than it must have. */
export function checkTrailingCounts(writes: readonly TrailingWrite[], row: Record<string, unknown> | undefined): void {
  writes.forEach((w, i) => {
    if (w.rows === undefined) return;
    const wrote = Number(row?.[`w${i}_rows`]);
    if (wrote !== w.rows) throw new Error(`${w.label}: wrote ${wrote} of ${w.rows} rows`);
  });
}

/** `with a, b, c ` — or nothing — for a list of CTEs. */
export function withCtes(ctes: readonly SQL[]): SQL {
  return ctes.length === 0 ? sql`` : sql`with ${sql.join([...ctes], sql`, `)} `;
}

/**
 * Runs writes on their own, as one statement (the unit of work's flush before a mutator that
 * reads the tables directly). Nothing to run when the list is empty.
 */
export async function runTrailingWrites(tx: AnyTx, writes: readonly TrailingWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const [row] = await queryPrepared<Record<string, unknown>>(
    tx,
    'lm_writes',
    sql`${withCtes(trailingCtes(writes))}select 1 as done${trailingCounts(writes)}`,
  );
  checkTrailingCounts(writes, row);
}

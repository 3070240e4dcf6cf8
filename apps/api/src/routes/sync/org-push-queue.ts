/**
 * Pushes of one organization run one after another in PostgreSQL whatever we do: each takes the
 * organization's write lock first and holds it to its commit (ADR 0015, 0038). Letting them queue
 * *there* parks a pooled connection per waiting push: with 200 phones and a pool of 10, every
 * connection ends up waiting on the lock, and pulls — which never take it — wait for a connection
 * behind them (`pnpm bench load`: pulls starved, almost no cycle completed). So each API process
 * lets `concurrency` groups of an organization's pushes at a time reach the database (one holding
 * the lock, one doing its first statements) and queues the rest here, in memory, in arrival order.
 *
 * What queued while the organization was busy goes to the database as one group — one
 * transaction, one commit and one WAL flush for all of it (processPushes, ADR 0044) — up to
 * `maxGroup` pushes and `maxWeight` mutations. A push that finds the organization idle runs at
 * once, alone: grouping never makes a push wait that would not have waited anyway. Across
 * processes the database lock still decides; organizations never wait for each other.
 */
export type OrgPushQueueOptions<T> = {
  /** Groups of one organization at the database at once (2: one holding the lock, one about to). */
  concurrency?: number;
  /** Most pushes in one group. */
  maxGroup?: number;
  /** Most total weight (mutations) in one group; a heavier push still goes, alone. */
  maxWeight?: number;
  weight?: (item: T) => number;
};

type Waiting<T, R> = { item: T; resolve: (value: R) => void; reject: (reason: unknown) => void };

export class OrgPushQueue<T, R> {
  private readonly orgs = new Map<string, { running: number; waiting: Waiting<T, R>[] }>();
  private readonly concurrency: number;
  private readonly maxGroup: number;
  private readonly maxWeight: number;
  private readonly weight: (item: T) => number;

  /** `runGroup` answers every item of a group, in its order, and must not throw. */
  constructor(
    private readonly runGroup: (orgId: string, items: T[]) => Promise<PromiseSettledResult<R>[]>,
    options: OrgPushQueueOptions<T> = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.maxGroup = options.maxGroup ?? 100;
    this.maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
    this.weight = options.weight ?? (() => 1);
  }

  run(orgId: string, item: T): Promise<R> {
    let org = this.orgs.get(orgId);
    if (!org) {
      org = { running: 0, waiting: [] };
      this.orgs.set(orgId, org);
    }
    const answer = new Promise<R>((resolve, reject) => org.waiting.push({ item, resolve, reject }));
    this.pump(orgId);
    return answer;
  }

  /** Pushes of the organization waiting for a slot in this process (for tests and diagnostics). */
  waiting(orgId: string): number {
    return this.orgs.get(orgId)?.waiting.length ?? 0;
  }

  private pump(orgId: string): void {
    const org = this.orgs.get(orgId);
    if (!org) return;
    while (org.running < this.concurrency && org.waiting.length > 0) {
      const group = this.takeGroup(org.waiting);
      org.running++;
      void this.runOne(orgId, group).finally(() => {
        org.running--;
        if (org.running === 0 && org.waiting.length === 0) this.orgs.delete(orgId);
        else this.pump(orgId);
      });
    }
  }

  /** The first waiting push, and those after it while the group stays within its limits. */
  private takeGroup(waiting: Waiting<T, R>[]): Waiting<T, R>[] {
    let weight = this.weight(waiting[0]!.item);
    let size = 1;
    while (size < waiting.length && size < this.maxGroup) {
      const next = this.weight(waiting[size]!.item);
      if (weight + next > this.maxWeight) break;
      weight += next;
      size++;
    }
    return waiting.splice(0, size);
  }

  private async runOne(orgId: string, group: Waiting<T, R>[]): Promise<void> {
    let settled: PromiseSettledResult<R>[];
    try {
      settled = await this.runGroup(
        orgId,
        group.map((g) => g.item),
      );
    } catch (error) {
      settled = group.map(() => ({ status: 'rejected', reason: error }));
    }
    group.forEach((g, i) => {
      const s = settled[i];
      if (s?.status === 'fulfilled') g.resolve(s.value);
      else g.reject(s ? s.reason : new Error('the push group gave no answer for this push'));
    });
  }
}

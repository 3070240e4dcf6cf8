/**
 * Pushes of one organization run one after another in PostgreSQL whatever we do: each takes the
 * organization's write lock first and holds it to its commit (ADR 0015). Letting them queue *there*
 * parks a pooled connection per waiting push: with 200 phones and a pool of 10, every connection
 * ends up waiting on the lock, and pulls — which never take it — wait for a connection behind them
 * (`pnpm bench load`: pulls starved, almost no cycle completed). So each API process lets
 * `concurrency` pushes of an organization at a time reach the database (one holding the lock, one
 * doing its first statements) and queues the rest here, in memory, in arrival order. Across
 * processes the database lock still decides; organizations never wait for each other.
 */
export class OrgPushQueue {
  private readonly orgs = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly concurrency = 2) {}

  async run<T>(orgId: string, push: () => Promise<T>): Promise<T> {
    let org = this.orgs.get(orgId);
    if (!org) {
      org = { running: 0, waiting: [] };
      this.orgs.set(orgId, org);
    }
    if (org.running >= this.concurrency) await new Promise<void>((resume) => org.waiting.push(resume));
    else org.running++;
    try {
      return await push();
    } finally {
      // Hand the slot straight to the next push in line (running stays the same), or free it.
      const next = org.waiting.shift();
      if (next) next();
      else if (--org.running === 0) this.orgs.delete(orgId);
    }
  }

  /** Pushes of the organization waiting for a slot in this process (for tests and diagnostics). */
  waiting(orgId: string): number {
    return this.orgs.get(orgId)?.waiting.length ?? 0;
  }
}

import type { Actor, AuditChange } from '@lastmile/domain';
import type { TrailingWrite } from './trailing-writes.ts';

/**
 * What a server mutator tells the audit trail beyond what the engine knows (who, which device,
 * which mutation, when): the job a change belongs to, and the values it changed.
 */
export class AuditNote {
  jobId: string | null;
  readonly changes: AuditChange[] = [];

  constructor(jobId: string | null) {
    this.jobId = jobId;
  }

  onJob(jobId: string): void {
    this.jobId = jobId;
  }

  /** A value this mutation changed; nothing is noted when it stayed the same. */
  changed(field: string, before: unknown, after: unknown, fieldKey?: string): void {
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return;
    this.changes.push({ field, ...(fieldKey === undefined ? {} : { fieldKey }), before, after });
  }
}

/** One accepted mutation, ready for the audit trail. */
export type AuditEntry = {
  mutationId: number;
  /** Who made it: the push's person, or in crew mode the crew member holding the phone. */
  userId: string;
  name: string;
  /** The device's clock when the person made the change (the protocol's `clientTime`). */
  clientTime: string;
  /** Server time when it was applied. */
  at: Date;
  entity: string | null;
  entityId: string | null;
  jobId: string | null;
  changes: AuditChange[];
};

/**
 * The write of the audit entries of a push, or of a group of pushes of one organization (ADR 0044),
 * run once inside its transaction, after every mutation ran (in its last statement:
 * trailing-writes.ts): the accepted ones only (a refused mutation changed nothing), never for a
 * replay. Called with the pushes that have entries, in order; its text must not depend on how many.
 */
export type PushAuditSink = (
  pushes: readonly { actor: Actor; clientId: string; entries: AuditEntry[] }[],
) => TrailingWrite;

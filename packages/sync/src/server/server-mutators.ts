import type { Actor, EntityName, MutatorArgs, MutatorName } from '@lastmile/domain';
import type { AuditNote } from './audit-note.ts';
import type { ChangeRecorder } from './change-recorder.ts';
import type { AnyTx } from './db-types.ts';
import type { LockedRows } from './locked-rows.ts';
import type { PublishEvent } from './publish-event.ts';

export type ServerMutatorContext = {
  actor: Actor;
  clientId: string;
  mutationId: number;
  /**
   * The change-log version the client says it had seen when it made the change. The device's
   * word: never trust it alone — see `servedVersion`.
   */
  baseVersion: number;
  /**
   * The newest version a pull has served this client (0 if none yet). A change cannot have been
   * made on a newer state, so a `baseVersion` above it is not true; rules that read the base
   * version must stay at least as strict as they would be with `servedVersion` (job-access.ts).
   */
  servedVersion: number;
  clientTime: string;
  recorder: ChangeRecorder;
  /**
   * Whether an earlier push of this transaction changed this row (pushes that queued behind a busy
   * organization run as one, ADR 0044). Run alone, that push would have committed first and put
   * the change in the log under a version newer than anything served to this client; in a group
   * it is still in `recorder`. A rule that reads the change log's versions must treat such a row
   * as changed after the client's base (form-access.ts, `answerVersion`). Absent outside a push.
   */
  changedByEarlierPush?: (entity: EntityName, entityId: string) => boolean;
  /**
   * Rows the push locked up front (its `PushPrefetch`), to read before locking a row again. A
   * mutator that updates one of these tables must `put` the returned row; while
   * `lockedRows.writeBehind` is on it may instead `write` the new row, which the engine flushes
   * (ADR 0036). Absent outside a push.
   */
  lockedRows?: LockedRows;
  /** Where the mutator notes the job and the before/after values for the audit trail. Absent outside a push. */
  audit?: AuditNote;
  /** Where the mutator publishes what happened (webhook events), in its transaction. Absent: nobody listens. */
  publish?: PublishEvent;
};

/**
 * The authoritative side of a mutation: check permissions and rules against the database, write,
 * and record the replicated rows. Throw AppError to refuse: the engine rolls the mutation back
 * and records the refusal.
 */
export type ServerMutator<N extends MutatorName> = (
  tx: AnyTx,
  args: MutatorArgs<N>,
  ctx: ServerMutatorContext,
) => Promise<void>;
export type ServerMutators = { [N in MutatorName]: ServerMutator<N> };

export * from './schema.ts';
export {
  ChangeRecorder,
  flushChanges,
  writeInOrg,
  POKE_CHANNEL,
  parsePokePayload,
  pokePayload,
  type PendingChange,
} from './change-recorder.ts';
export { processPush, type CrewActor, type CrewMaker, type ProcessPushOptions } from './process-push.ts';
export { processPushes, type GroupedPush } from './process-pushes.ts';
export type { AppliedLookup } from './replays.ts';
export type { ClientStanding } from './lock-client.ts';
export {
  LockedRows,
  type PrefetchMutation,
  type PushFlush,
  type PrefetchQuery,
  type PushPrefetch,
  type PushUnitOfWork,
} from './locked-rows.ts';
export { processPull, processPullJson, type ProcessPullOptions } from './process-pull.ts';
export { checkSchemaVersion } from './schema-version.ts';
export type { CrewOnClient } from './pull-state.ts';
export {
  compactChanges,
  DEFAULT_TOMBSTONE_KEEP,
  type CompactOptions,
  type CompactResult,
  type TombstoneKeep,
} from './compact.ts';
export { changesAfterQuery, type ChangeRow } from './read-changes.ts';
export { queryNamed, queryPrepared, queryRows } from './raw.ts';
export { sqlState } from './pg-errors.ts';
export { runTrailingWrites, type TrailingWrite } from './trailing-writes.ts';
export type { AnyDb, AnyTx, DbOrTx } from './db-types.ts';
export type { ServerMutator, ServerMutators, ServerMutatorContext } from './server-mutators.ts';
export { AuditNote, type AuditEntry, type PushAuditSink } from './audit-note.ts';
export type { PublishEvent, PublishedEvent } from './publish-event.ts';

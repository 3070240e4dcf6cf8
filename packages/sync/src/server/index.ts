export { syncOrgVersions, syncClients, syncMutationResults, syncChanges } from './schema.ts';
export { ChangeRecorder, flushChanges, writeInOrg, POKE_CHANNEL, type PendingChange } from './change-recorder.ts';
export type { AnyDb, AnyTx, DbOrTx } from './db-types.ts';
export { queryRows } from './raw.ts';

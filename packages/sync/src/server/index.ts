export { syncOrgVersions, syncClients, syncMutationResults, syncChanges } from './schema.ts';

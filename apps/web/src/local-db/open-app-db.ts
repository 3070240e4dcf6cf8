import { AppDb } from './app-db.ts';

const open = new Map<string, AppDb>();

/** One replica per organization, so signing in to another org never shows the last one's rows. */
export function appDbName(orgId: string): string {
  return `lastmile-app-${orgId}`;
}

/**
 * The shared AppDb instance for an organization. Screens (through AppDbProvider) and the sync
 * engine must use this same instance so Dexie's live queries see the engine's writes at once.
 */
export function appDbFor(orgId: string): AppDb {
  let db = open.get(orgId);
  if (!db) {
    db = new AppDb(appDbName(orgId));
    open.set(orgId, db);
  }
  return db;
}

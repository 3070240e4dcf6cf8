import { AppDb } from './app-db.ts';

const open = new Map<string, AppDb>();

/**
 * One replica per person: each has their own scopes, client id and outbox, so a second person
 * signing in on a shared phone never sees or pushes the first one's data (docs/decisions/0007).
 */
export function appDbName(userId: string): string {
  return `lastmile-${userId}`;
}

/**
 * The shared AppDb instance for a person. Screens (through AppDbProvider) and the sync
 * engine must use this same instance so Dexie's live queries see the engine's writes at once.
 */
export function appDbFor(userId: string): AppDb {
  let db = open.get(userId);
  if (!db) {
    db = new AppDb(appDbName(userId));
    open.set(userId, db);
  }
  return db;
}

/** Closes every person's database this page opened, so they can be deleted (a revoked device). */
export function closeAppDbs(): void {
  for (const db of open.values()) db.close();
  open.clear();
}

/** Helpers shared by the benchmark pages (they run inside Chromium). */
import Dexie from 'dexie';
import { AppDb } from '../../src/local-db/app-db.ts';

/** A deterministic UUIDv7-shaped id: `prefix` tells the kind of row, `n` the row. */
export function uuid(prefix: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190a000-${prefix.toString(16).padStart(4, '0')}-7000-8000-${hex}`;
}

let dbCounter = 0;
/** A new, empty, open AppDb under a unique name. */
export async function freshDb(): Promise<AppDb> {
  const db = new AppDb(`lm-bench-${Date.now()}-${dbCounter++}`);
  await db.open();
  return db;
}

export async function drop(db: AppDb): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}

/** Playwright shows a thrown DexieError as just "DexieError": carry its name, message, inner error and stack. */
export function describeError(error: unknown): Error {
  const e = error as Error & { inner?: Error };
  return new Error(
    `${e.name}: ${e.message}${e.inner ? ` (inner ${e.inner.name}: ${e.inner.message})` : ''}\n${e.stack ?? ''}`,
  );
}

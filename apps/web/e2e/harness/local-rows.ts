import type { EntityName, EntityRow } from '@lastmile/domain';
import type { Page } from 'playwright-core';
import { appDbName } from '../../src/local-db/open-app-db.ts';

/**
 * Writes replicated rows straight into the signed-in person's IndexedDB database, as if the
 * sync engine had pulled them. The app must have opened that database already (the home screen
 * does); reload afterwards so live queries read the new rows.
 */
export async function putLocalRows<E extends EntityName>(
  page: Page,
  userId: string,
  table: E,
  rows: readonly EntityRow<E>[],
): Promise<void> {
  await page.evaluate(
    async ({ name, store, values }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        for (const value of values) tx.objectStore(store).put(value);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      });
      db.close();
    },
    { name: appDbName(userId), store: table, values: rows as unknown[] },
  );
}

/** Every row of one table of the signed-in person's IndexedDB database, as the app stored it. */
export async function localRows<E extends EntityName>(page: Page, userId: string, table: E): Promise<EntityRow<E>[]> {
  const rows = await page.evaluate(
    async ({ name, store }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
      try {
        return await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        });
      } finally {
        db.close();
      }
    },
    { name: appDbName(userId), store: table },
  );
  return rows as EntityRow<E>[];
}

/** The signed-in session as the app cached it on the device. */
export async function cachedSession(
  page: Page,
): Promise<{ user: { id: string; teamId: string | null }; org: { id: string } } | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('lastmile-device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    const row = await new Promise<
      { session: { user: { id: string; teamId: string | null }; org: { id: string } } } | undefined
    >((resolve, reject) => {
      const request = db.transaction('sessions').objectStore('sessions').get('current');
      request.onsuccess = () => resolve(request.result as never);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    db.close();
    return row?.session ?? null;
  });
}

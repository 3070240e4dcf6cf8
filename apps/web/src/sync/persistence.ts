/**
 * Asks the browser to keep this site's data (Safari otherwise deletes it after 7 days without
 * a visit unless the app is installed). Resolves to whether storage is persistent.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist().catch(() => false);
}

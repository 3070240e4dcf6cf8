import type { DeviceReport } from '@lastmile/sync';

declare const __APP_VERSION__: string | undefined;

/** The app's version (package.json, set by the build); a dev server or a unit test says so. */
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';

const STORAGE_EVERY_MS = 60_000;
let storage: { at: number; used?: number; quota?: number } | null = null;

/**
 * What this device says about itself in each sync request, for the admin's device registry
 * (the engine adds what is pending). Storage is asked of the browser at most once a minute.
 */
export async function deviceReportInfo(): Promise<Omit<DeviceReport, 'pendingCount' | 'oldestPendingAt'>> {
  if (!storage || Date.now() - storage.at > STORAGE_EVERY_MS) {
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    storage = { at: Date.now() };
    if (estimate?.usage !== undefined) storage.used = Math.round(estimate.usage);
    if (estimate?.quota !== undefined) storage.quota = Math.round(estimate.quota);
  }
  return {
    appVersion: APP_VERSION,
    ...(storage.used === undefined ? {} : { storageUsedBytes: storage.used }),
    ...(storage.quota === undefined ? {} : { storageQuotaBytes: storage.quota }),
  };
}

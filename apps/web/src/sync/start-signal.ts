/**
 * "The start screen has shown its content": the sync engine (SyncRuntime, the sync client, the
 * protocol's zod schemas, the optimistic mutators) is loaded only then, so its code is not parsed
 * and run before a technician's first job card (issue 10, ADR 0034). A screen that needs the
 * engine earlier asks for it (useSync) and gets it at once; SyncProvider's timer covers start
 * screens that never say.
 */
let shown = false;
const waiting = new Set<() => void>();

export function startScreenShown(): void {
  if (shown) return;
  shown = true;
  for (const resolve of waiting) resolve();
  waiting.clear();
}

export function whenStartScreenShown(): Promise<void> {
  if (shown) return Promise.resolve();
  return new Promise((resolve) => waiting.add(resolve));
}

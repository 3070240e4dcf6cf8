import type { OutboxEntry, RefusedEntry, SyncTrouble } from '@lastmile/sync/client';

/**
 * A copy of every change that is only on this phone, and every refused one, with its exact
 * arguments: if the phone is lost, reset or cannot sync, the person or the office still has
 * what was done. Readable by a person (each change in words) and by a tool (`args` as queued).
 */
export type ChangesExport = {
  format: 'lastmile-changes';
  version: 1;
  exportedAt: string;
  person: { id: string; name: string; email: string };
  org: { id: string; name: string };
  /** This device's sync id: with a change's `id`, it names the change on the server. */
  clientId: string | null;
  /** Why sending has been failing, if it has. */
  trouble: SyncTrouble | null;
  pending: (OutboxEntry & { description: string })[];
  refused: (RefusedEntry & { description: string })[];
};

type Input = {
  now: Date;
  session: { user: { id: string; name: string; email: string }; org: { id: string; name: string } };
  clientId: string | null;
  trouble: SyncTrouble | null;
  pending: readonly OutboxEntry[];
  refused: readonly RefusedEntry[];
  describe: (entry: { name: string; args: unknown }) => string;
};

export function buildChangesExport(input: Input): ChangesExport {
  const { user, org } = input.session;
  return {
    format: 'lastmile-changes',
    version: 1,
    exportedAt: input.now.toISOString(),
    person: { id: user.id, name: user.name, email: user.email },
    org: { id: org.id, name: org.name },
    clientId: input.clientId,
    trouble: input.trouble,
    pending: input.pending.map((e) => ({ ...e, description: input.describe(e) })),
    refused: input.refused.map((e) => ({ ...e, description: input.describe(e) })),
  };
}

/** `lastmile-changes-2026-11-21-1042.json`, in the device's local time, so files sort by when they were saved. */
export function exportFileName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return `lastmile-changes-${day}-${two(now.getHours())}${two(now.getMinutes())}.json`;
}

/** Saves the file through the browser's download (works offline: nothing leaves the device). */
export function downloadJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

import type { Upload } from 'tus-js-client';
import type { AppDb } from '../local-db/app-db.ts';
import type { UploadEntry } from '../local-db/attachment-tables.ts';
import { forgetPhoto } from './forget-photo.ts';
import { sha256Hex } from './sha256.ts';
import { classify, type Outcome } from './upload-outcome.ts';
import { freeSpaceIfNeeded } from './storage-pressure.ts';

export const UPLOAD_PATH = '/api/attachments/uploads';
/** Backoff after a failure: 2 s, 4 s, … capped at 5 minutes (the sync loop's own ceiling). */
const MAX_BACKOFF_MS = 5 * 60_000;
/** The server answered "no such record": the addAttachment mutation is still on its way. */
const RECORD_WAIT_MS = 15_000;
/** The bytes were refused this many times although they match their record: stop, tell the person. */
const MAX_REJECTIONS = 5;

export type UploadProgress = { id: string; sent: number; size: number };

/**
 * Sends the bytes of photos taken on this device, one at a time, oldest first, by the tus
 * resumable protocol. Run by the leader tab only (SyncRuntime), after each sync round: the record
 * (addAttachment) must be on the server before its bytes. An upload cut off — no signal, app
 * closed, server restarted — continues from the server's offset (HEAD), never from zero. Entries
 * live in IndexedDB (`_uploads`), so the queue survives reloads and app updates.
 */
export class UploadQueue {
  /** The run working the queue now, if any: callers that need its outcome await it. */
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private current: Upload | null = null;
  private lastSaved = 0;
  /**
   * Bytes sent of the upload in progress (this tab only; other tabs see `_uploads.sent`). A new
   * map on every change, so React's useSyncExternalStore sees each one.
   */
  progress: ReadonlyMap<string, UploadProgress> = new Map();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: AppDb,
    private readonly csrfToken: () => string,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Work the queue now (again, if it is running); resolves when that work is over, whatever each
   * upload's outcome (leaving the crew waits on it, ADR 0033).
   */
  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    void this.current?.abort();
  }

  /** A photo deleted before its upload finished: stop sending it. */
  async cancel(id: string): Promise<void> {
    if (this.current && this.progress.has(id)) await this.current.abort();
    this.setProgress(id, null);
  }

  private setProgress(id: string, value: UploadProgress | null): void {
    const next = new Map(this.progress);
    if (value) next.set(id, value);
    else next.delete(id);
    this.progress = next;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      await this.drain();
    } while (this.again && !this.stopped);
  }

  private async drain(): Promise<void> {
    const entries = await this.db._uploads.orderBy('createdAt').toArray();
    const queued = await this.recordsNotPushed();
    for (const entry of entries) {
      if (this.stopped) return;
      if (entry.state === 'failed' || entry.notBefore > Date.now() || queued.has(entry.id)) continue;
      const outcome = await this.attempt(entry);
      if (outcome.kind === 'signedOut') return;
      await this.settle(entry, outcome);
    }
    await freeSpaceIfNeeded(this.db).catch(() => 0);
  }

  /** Attachments whose record is still in the outbox: their bytes wait for it. */
  private async recordsNotPushed(): Promise<Set<string>> {
    const ids = new Set<string>();
    await this.db._outbox.each((entry) => {
      if (entry.name === 'addAttachment') ids.add((entry.args as { id: string }).id);
    });
    return ids;
  }

  private async attempt(entry: UploadEntry): Promise<Outcome> {
    const record = await this.db.attachments.get(entry.id);
    const refused = record ? null : await this.refusal(entry.id);
    if (refused) return { kind: 'failed', error: refused };
    if (record?.state === 'available') return { kind: 'done' };
    const blob = await this.db._blobs.get(entry.id);
    if (!blob?.full) return { kind: 'failed', error: "This photo's bytes are missing on this phone." };
    const outcome = await this.send(entry, blob.full);
    // No record here (a reset pull may be refilling the table) and none on the server either: the
    // photo was deleted, or its record was never made (a crash after its bytes were kept).
    return !record && outcome.kind === 'wait' ? { kind: 'gone' } : outcome;
  }

  /** Why the server refused this photo's record, if it did (the photo is kept: see the changes screen). */
  private async refusal(id: string): Promise<string | null> {
    let reason: string | null = null;
    await this.db._refused.each((entry) => {
      if (entry.name === 'addAttachment' && (entry.args as { id: string }).id === id) reason = entry.reason;
    });
    return reason;
  }

  private async send(entry: UploadEntry, bytes: Blob): Promise<Outcome> {
    // Loaded with the first photo to send, not with the app: most screens never upload.
    const { Upload } = await import('tus-js-client');
    return new Promise((resolve) => {
      const upload = new Upload(bytes, {
        endpoint: UPLOAD_PATH,
        // The upload is named after the attachment: resuming asks the server where it stopped.
        uploadUrl: `${UPLOAD_PATH}/${entry.id}`,
        metadata: { attachmentId: entry.id },
        headers: { 'x-csrf-token': this.csrfToken() },
        uploadDataDuringCreation: true,
        storeFingerprintForResuming: false,
        // Our own backoff between attempts; tus retries only a quick blip within one attempt.
        retryDelays: [0, 1000],
        onShouldRetry: (error) => {
          const status = error.originalResponse?.getStatus() ?? 0;
          return status === 0 || status >= 500 || status === 423;
        },
        onProgress: (sent, size) => {
          this.setProgress(entry.id, { id: entry.id, sent, size });
          if (Date.now() - this.lastSaved > 1000) {
            this.lastSaved = Date.now();
            void this.db._uploads.update(entry.id, { sent });
          }
        },
        onSuccess: () => resolve({ kind: 'done' }),
        onError: (error) => resolve(classify(error)),
      });
      this.current = upload;
      upload.start();
    }).finally(() => {
      this.current = null;
      this.setProgress(entry.id, null);
    }) as Promise<Outcome>;
  }

  private async settle(entry: UploadEntry, outcome: Outcome): Promise<void> {
    const attempts = entry.attempts + 1;
    const backoff = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.min(entry.attempts, 10));
    switch (outcome.kind) {
      case 'done':
        await this.db._uploads.delete(entry.id);
        break;
      case 'gone':
        await forgetPhoto(this.db, entry.id);
        break;
      case 'wait':
        await this.db._uploads.update(entry.id, { notBefore: Date.now() + RECORD_WAIT_MS });
        break;
      case 'retry':
        await this.db._uploads.update(entry.id, { attempts, notBefore: Date.now() + backoff, error: outcome.error });
        break;
      case 'rejected': {
        // The server found the bytes differ from the record. If they differ on this phone too,
        // the stored photo is damaged and sending it again cannot help.
        const blob = await this.db._blobs.get(entry.id);
        const record = await this.db.attachments.get(entry.id);
        const damaged = !blob?.full || !record || (await sha256Hex(blob.full)) !== record.sha256;
        const give = damaged || attempts >= MAX_REJECTIONS;
        await this.db._uploads.update(entry.id, {
          attempts,
          state: give ? 'failed' : 'waiting',
          notBefore: Date.now() + backoff,
          error: damaged ? 'This photo is damaged on this phone and cannot be sent.' : outcome.error,
        });
        break;
      }
      case 'failed':
        await this.db._uploads.update(entry.id, { attempts, state: 'failed', error: outcome.error });
        break;
      case 'signedOut':
        break;
    }
    this.notify();
  }
}

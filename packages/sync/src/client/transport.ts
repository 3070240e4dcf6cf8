import type { MessageDetail } from '@lastmile/domain';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../protocol.ts';

/** How the client reaches the server. The web app's is `fetch`; tests call the server directly. */
export interface SyncTransport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(req: PullRequest): Promise<PullResponse>;
}

/** The server answered with an error body `{code, message}`. Network failures are plain errors. */
export class SyncHttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** The body's `detail` (a message key and its parameters), when it had one. */
  readonly detail: MessageDetail | undefined;
  constructor(status: number, code: string, message: string, detail?: MessageDetail) {
    super(message);
    this.name = 'SyncHttpError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

export type SyncFailure =
  | 'offline'
  | 'server'
  | 'sign_in_required'
  | 'update_required'
  | 'rejected'
  /** An admin revoked this device: never retried; the app erases its local data. */
  | 'device_revoked';

/** What a failed round means for the person and for retrying. */
export function classifyFailure(error: unknown): SyncFailure {
  if (!(error instanceof SyncHttpError)) return 'offline';
  if (error.code === 'device_revoked') return 'device_revoked';
  if (error.status === 401) return 'sign_in_required';
  if (error.status === 426) return 'update_required';
  if (error.status >= 500 || error.status === 429) return 'server';
  return 'rejected';
}

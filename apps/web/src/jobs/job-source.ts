import { ApiError, NetworkError } from '../app/api.ts';

/**
 * Where the job screen takes a job from (ADR 0041): this device first; when the job is not here
 * (it left the office's devices with the office window, ADR 0040, or has not synced yet) and
 * there is a connection, the server's report of it, read only.
 *
 * - `loading`: IndexedDB has not answered yet (no server request before it has).
 * - `local`: on this device: the ordinary, editable screen.
 * - `fetching`: not here; asking the server.
 * - `server`: the server's copy, read only.
 * - `offline`: not here, and no connection (or the request got no answer).
 * - `notFound`: the server has no such job for this person (or the id is not a job's).
 * - `failed`: the server answered with an error of its own; worth a retry.
 */
export type JobSource = 'loading' | 'local' | 'fetching' | 'server' | 'offline' | 'notFound' | 'failed';

/** The server request's state, as TanStack Query reports it. */
export type ServerLookup = { status: 'pending' } | { status: 'success' } | { status: 'error'; error: unknown };

/** What a failed request means to the person: no answer, no such job (for them), or a server fault. */
export function lookupFailure(error: unknown): 'offline' | 'notFound' | 'failed' {
  if (error instanceof NetworkError) return 'offline';
  // 404: no such job, or not theirs to see (the server does not say which); 400: not a job id;
  // 403: their role may not. To the person all three are "not found".
  if (error instanceof ApiError && [400, 403, 404].includes(error.status)) return 'notFound';
  return 'failed';
}

export function jobSource(local: 'loading' | 'present' | 'absent', online: boolean, server: ServerLookup): JobSource {
  if (local === 'loading') return 'loading';
  if (local === 'present') return 'local';
  if (!online) return 'offline';
  if (server.status === 'pending') return 'fetching';
  if (server.status === 'success') return 'server';
  return lookupFailure(server.error);
}

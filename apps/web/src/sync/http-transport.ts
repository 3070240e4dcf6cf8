import { pullResponseSchema, pushResponseSchema } from '@lastmile/sync';
import { SyncHttpError, type SyncTransport } from '@lastmile/sync/client';
import { ApiError, apiRequest } from '../app/api.ts';

function asSyncError(error: unknown): Error {
  if (error instanceof ApiError) return new SyncHttpError(error.status, error.code, error.message);
  return error instanceof Error ? error : new Error(String(error));
}

/** Push and pull over the same-origin API with the session cookie and CSRF token. */
export const httpTransport: SyncTransport = {
  push: (req) =>
    apiRequest('/api/sync/push', { method: 'POST', body: req, schema: pushResponseSchema }).catch((e: unknown) =>
      Promise.reject(asSyncError(e)),
    ),
  pull: (req) =>
    apiRequest('/api/sync/pull', { method: 'POST', body: req, schema: pullResponseSchema }).catch((e: unknown) =>
      Promise.reject(asSyncError(e)),
    ),
};

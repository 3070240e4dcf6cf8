import { pullResponseSchema, pushResponseSchema } from '@lastmile/sync';
import { SyncHttpError, type SyncTransport } from '@lastmile/sync/client';
import { ApiError, apiRequest } from '../app/api.ts';
import { serverMessage } from '../i18n/server-message.ts';

// In the person's language when the server sent a message key: the "could not send" notice shows it.
function asSyncError(error: unknown): Error {
  if (error instanceof ApiError) {
    return new SyncHttpError(error.status, error.code, serverMessage(error.detail, error.message), error.detail);
  }
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

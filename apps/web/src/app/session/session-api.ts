import { anyBody, sessionInfoParser, type SessionInfo, type SignInRequest } from '@lastmile/domain';
import { ApiError, apiRequest } from '../api.ts';

export function requestSignIn(body: SignInRequest): Promise<SessionInfo> {
  return apiRequest('/api/auth/sign-in', { method: 'POST', body, schema: sessionInfoParser });
}

export async function requestSignOut(): Promise<void> {
  await apiRequest('/api/auth/sign-out', { method: 'POST', body: {}, schema: anyBody });
}

/** The server's view of the session: SessionInfo, or null when the cookie is no longer valid. */
export async function requestCurrentSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await apiRequest('/api/auth/me', { schema: sessionInfoParser, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

import { anyBody } from '@lastmile/domain';
import { apiRequest } from '../api.ts';

/** Answers an invitation or reset link; the person then signs in as usual. */
export async function requestSetPassword(token: string, password: string): Promise<void> {
  await apiRequest('/api/auth/set-password', { method: 'POST', body: { token, password }, schema: anyBody });
}

/** The one-time token of a `/set-password#token=…` link (kept in the fragment, out of server logs). */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length >= 20 ? token : null;
}

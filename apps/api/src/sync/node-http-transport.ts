import { pullResponseSchema, pushResponseSchema } from '@lastmile/sync';
import { SyncHttpError, type SyncTransport } from '@lastmile/sync/client';

export type NodeSession = { cookie: string; csrfToken: string };

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<NodeSession> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** The browser's transport, for Node: fetch with the session cookie and CSRF header. `baseUrl()` may change (failover). */
export function nodeHttpTransport(baseUrl: () => string, session: NodeSession): SyncTransport {
  async function post<T>(path: string, body: unknown, parse: (json: unknown) => T): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) {
      const err = json as { code?: string; message?: string };
      throw new SyncHttpError(res.status, err.code ?? 'internal', err.message ?? res.statusText);
    }
    return parse(json);
  }
  return {
    push: (req) => post('/api/sync/push', req, (j) => pushResponseSchema.parse(j)),
    pull: (req) => post('/api/sync/pull', req, (j) => pullResponseSchema.parse(j)),
  };
}

import type { JobRow, MutatorArgs, MutatorName } from '@lastmile/domain';
import { SCHEMA_VERSION, type PullResponse, type PushResponse } from '@lastmile/sync';
import { DEMO_PASSWORD } from './demo.ts';

/**
 * A second "device" driven from the test over the real HTTP API: to look at what reached the
 * server, or to make a change someone else makes meanwhile.
 */
export type ApiDevice = {
  push<N extends MutatorName>(name: N, args: MutatorArgs<N>): Promise<PushResponse>;
  /** Every row this person's scopes hold on the server now: `entity:id` → row. */
  rows(): Promise<Map<string, Record<string, unknown>>>;
  jobs(): Promise<JobRow[]>;
  /** Any other route as this person (session cookie, and the CSRF header on writes). */
  request(path: string, init?: RequestInit): Promise<Response>;
};

export async function apiDevice(baseUrl: string, email: string): Promise<ApiDevice> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed for ${email}: ${signIn.status}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const clientId = `e2e${crypto.randomUUID().replaceAll('-', '')}`;
  let nextId = 1;

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const rows = async () => {
    const out = new Map<string, Record<string, unknown>>();
    let cursor: string | null = null;
    for (;;) {
      const page: PullResponse = await post('/api/sync/pull', {
        schemaVersion: SCHEMA_VERSION,
        clientId: `${clientId}r`,
        cursor,
      });
      for (const c of page.changes) {
        if (c.op === 'put') out.set(`${c.entity}:${c.id}`, c.row);
        else out.delete(`${c.entity}:${c.id}`);
      }
      cursor = page.cursor;
      if (!page.more) return out;
    }
  };
  return {
    push: (name, args) =>
      post('/api/sync/push', {
        schemaVersion: SCHEMA_VERSION,
        clientId,
        mutations: [{ id: nextId++, name, args, clientTime: new Date().toISOString(), baseVersion: 0 }],
      }),
    rows,
    jobs: async () =>
      [...(await rows()).entries()].filter(([k]) => k.startsWith('jobs:')).map(([, v]) => v as unknown as JobRow),
    request: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(init.headers as Record<string, string> | undefined) },
      }),
  };
}

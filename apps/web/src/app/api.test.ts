import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, NetworkError, apiRequest, queryString, setCsrfToken } from './api.ts';

function respond(status: number, body: unknown) {
  return vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('apiRequest', () => {
  it('sends cookies and the CSRF token on POST, and parses the body', async () => {
    const fetch = respond(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    await expect(
      apiRequest('/api/x', { method: 'POST', body: { a: 1 }, schema: z.object({ ok: z.boolean() }) }),
    ).resolves.toEqual({ ok: true });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'x-csrf-token': 'tok', 'content-type': 'application/json' });
    expect(init?.body).toBe('{"a":1}');
  });

  it('does not send the CSRF token on GET', async () => {
    const fetch = respond(200, {});
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    await apiRequest('/api/x', { schema: z.object({}) });
    expect(fetch.mock.calls[0]?.[1]?.headers).not.toHaveProperty('x-csrf-token');
  });

  it("turns the API's {code, message} into an ApiError with the status", async () => {
    vi.stubGlobal('fetch', respond(401, { code: 'unauthenticated', message: 'Email or password is incorrect.' }));
    const error = await apiRequest('/api/auth/sign-in', { method: 'POST', body: {}, schema: z.unknown() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'Email or password is incorrect.' });
  });

  it('gives a readable error when the failure body is not ours (a proxy page)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    const error = await apiRequest('/api/x', { schema: z.unknown() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'internal' });
    expect((error as Error).message).toContain('502');
  });

  it('reports an unreachable server as a NetworkError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(apiRequest('/api/x', { schema: z.unknown() })).rejects.toBeInstanceOf(NetworkError);
  });

  it('rejects a success body that does not match the schema', async () => {
    vi.stubGlobal('fetch', respond(200, { ok: 'yes' }));
    await expect(apiRequest('/api/x', { schema: z.object({ ok: z.boolean() }) })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('queryString', () => {
  it('repeats a list parameter (what the API reads as several values), skips empty ones, encodes text', () => {
    expect(queryString({ teamId: ['a', 'b'], status: 'sent_back', search: 'Smith & Sons', page: 2 })).toBe(
      'teamId=a&teamId=b&status=sent_back&search=Smith+%26+Sons&page=2',
    );
    expect(queryString({ teamId: [], assigneeId: undefined, search: '', from: ['', 'x'] })).toBe('from=x');
  });
});

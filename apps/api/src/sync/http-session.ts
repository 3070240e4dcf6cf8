import type { FastifyInstance } from 'fastify';

export type HttpSession = { cookie: string; csrfToken: string };

/** Signs in through the real route and returns what a browser would hold: the cookie and CSRF token. */
export async function signInForTest(app: FastifyInstance, email: string, password: string): Promise<HttpSession> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lm_session');
  const body = res.json<{ csrfToken: string }>();
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie: `lm_session=${cookie.value}`, csrfToken: body.csrfToken };
}

export function authHeaders(session: HttpSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

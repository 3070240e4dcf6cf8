import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { recordAudit } from '../services/record-audit.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * POST routes that are not writes of the organization's data, or are audited elsewhere, with why.
 * Every other successful write is recorded (audit-writes.test.ts keeps this list honest).
 */
export const NOT_AUDITED_ROUTES: Readonly<Record<string, string>> = {
  '/api/sync/push': 'each accepted mutation is audited in the push transaction (process-push.ts)',
  '/api/sync/pull': 'a read',
  '/api/auth/sign-in': 'opens a session; changes no data',
  '/api/auth/sign-out': 'ends the caller’s own session; changes no data',
  '/api/jobs/import/preview': 'a dry run: checks the file, writes nothing',
  '/api/attachments/uploads': 'tus chunks; the finished upload is audited when the photo turns available',
  '/api/attachments/uploads/:id': 'tus chunks; the finished upload is audited when the photo turns available',
};

/** `PATCH /api/customers/:id` → `customers`; `/api/admin/users/:id/deactivate` → `users`; `/api/v1/jobs` → `jobs`. */
export function entityOfRoute(url: string): string | null {
  const [first] = url.replace(/^\/api\/(admin\/|v1\/)?/, '').split('/');
  return first && !first.startsWith(':') ? first : null;
}

/** The row a write was about: the id in its path, else the id of the row it created. */
function entityIdOf(request: FastifyRequest, payload: unknown): string | null {
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const key of ['id', 'userId', 'teamId']) {
    if (typeof params[key] === 'string') return params[key];
  }
  if (typeof payload === 'string' && payload.length < 65_536 && payload.startsWith('{')) {
    try {
      const id = (JSON.parse(payload) as { id?: unknown }).id;
      if (typeof id === 'string') return id;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Every successful REST write by a signed-in person lands in the audit trail, including routes
 * added later, without each route having to remember: action `METHOD /route`, the route's entity
 * and row, the session. Recorded after the route's own transaction committed and before the
 * answer leaves; routes that need before/after values or a named action record their row in
 * their transaction (services/record-audit.ts) and this hook leaves them alone (ADR 0022).
 */
export const auditWrites = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('auditRecorded', false);
    app.addHook('onSend', async (request, reply, payload) => {
      if (!WRITES.has(request.method) || request.auditRecorded || reply.statusCode >= 400) return payload;
      const url = request.routeOptions.url;
      if (url === undefined || !url.startsWith('/api/') || url in NOT_AUDITED_ROUTES || request.is404) return payload;
      // Signed-out writes (set-password) record themselves; there is nobody here to attribute this to.
      if (!(request.actor as typeof request.actor | null)) return payload;
      const entity = entityOfRoute(url);
      const entityId = entityIdOf(request, payload);
      await recordAudit(app.db, request, {
        orgId: request.actor.orgId,
        userId: request.actor.userId,
        action: `${request.method} ${url}`,
        entity,
        entityId,
        jobId: entity === 'jobs' && entityId && /^[0-9a-f-]{36}$/.test(entityId) ? entityId : null,
      });
      return payload;
    });
  },
  { name: 'audit-writes', dependencies: ['auth'] },
);

import type { FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type Role } from '@lastmile/domain';

/**
 * A route hook refusing callers without one of `roles`. Use it as `onRequest` so a refused
 * caller learns nothing from body validation: `{ onRequest: requireRole('admin') }`.
 * Route-level hooks run after the auth hook, so `request.actor` is set.
 */
export function requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (!roles.includes(request.actor.role)) {
      throw new AppError(ERROR_CODES.forbidden, `Only ${roles.join(' or ')} users can do this.`);
    }
  };
}

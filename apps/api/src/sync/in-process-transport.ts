import type { Actor } from '@lastmile/domain';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '@lastmile/sync';
import type { SyncTransport } from '@lastmile/sync/client';
import { processPull, processPush, type AnyDb, type ServerMutators } from '@lastmile/sync/server';
import { pushUnitOfWork, serverMutators } from '../mutators/index.ts';
import { appliedMutations } from '../services/audit/applied-mutations.ts';
import { recordPushAudit } from '../services/audit/record-push-audit.ts';

/**
 * Calls the server's push and pull directly (no HTTP) for simulations and benchmarks of the
 * engine itself; the HTTP routes are thin wrappers over the same two functions.
 */
export function inProcessTransport(db: AnyDb, actor: Actor, mutators: ServerMutators = serverMutators): SyncTransport {
  return {
    push: (req: PushRequest): Promise<PushResponse> =>
      processPush(db, actor, req, mutators, {
        unitOfWork: pushUnitOfWork,
        audit: recordPushAudit,
        applied: appliedMutations,
      }),
    pull: (req: PullRequest): Promise<PullResponse> => processPull(db, actor, req),
  };
}

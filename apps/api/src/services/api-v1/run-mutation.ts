import type { FastifyRequest } from 'fastify';
import {
  mutationAuditSubject,
  mutatorArgs,
  validationError,
  type MutatorArgs,
  type MutatorName,
} from '@lastmile/domain';
import { AuditNote, writeInOrg, type AnyDb, type AnyTx, type ServerMutator } from '@lastmile/sync/server';
import { serverMutators } from '../../mutators/index.ts';
import { recordAudit, requestClientId } from '../record-audit.ts';
import { publishWebhookEvent } from '../webhooks/publish-webhook-event.ts';

/**
 * Runs one mutation of the shared contract for a REST caller (/api/v1) exactly as a push would
 * run it: the contract's argument schema, the same server mutator (permissions, status machine,
 * assignment rules, notifications, webhook events), its changes in the sync change log under the organization's
 * write lock (so phones receive them by pull and poke), and one audit row in the same
 * transaction, named like the sync row of the same mutation. `read` runs in that transaction
 * too, so the caller answers with the row as committed.
 */
export async function runMutation<N extends MutatorName, T>(
  db: AnyDb,
  request: FastifyRequest,
  name: N,
  args: MutatorArgs<N>,
  read: (tx: AnyTx) => Promise<T>,
): Promise<T> {
  const parsed = mutatorArgs[name].safeParse(args);
  if (!parsed.success) throw validationError('request body', parsed.error);
  const { actor } = request;
  const clientId = requestClientId(request) ?? 'rest';
  return writeInOrg(db, actor.orgId, async (tx, recorder) => {
    const subject = mutationAuditSubject(name, parsed.data as MutatorArgs<N>);
    const audit = new AuditNote(subject.jobId);
    const mutator = serverMutators[name] as ServerMutator<N>;
    await mutator(tx, parsed.data as MutatorArgs<N>, {
      actor,
      clientId,
      mutationId: 0,
      baseVersion: 0,
      servedVersion: 0,
      clientTime: new Date().toISOString(),
      recorder,
      audit,
      publish: (t, orgId, event) => publishWebhookEvent(t, request.server.webhooks, orgId, event),
    });
    await recordAudit(tx, request, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: name,
      entity: subject.entity,
      entityId: subject.entityId,
      jobId: audit.jobId,
      changes: audit.changes,
    });
    return read(tx);
  });
}

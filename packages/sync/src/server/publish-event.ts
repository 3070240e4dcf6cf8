import type { AnyTx } from './db-types.ts';

/** A fact a change makes known outside sync (a webhook event): its type and what it carries. */
export type PublishedEvent = { type: string; data: Record<string, unknown> };

/**
 * Where a mutator publishes an event, in the mutation's own transaction (or savepoint): the event
 * exists if and only if the change committed, and a refused mutation publishes nothing. The
 * engine knows nothing of what is done with it (the API queues webhook deliveries).
 */
export type PublishEvent = (tx: AnyTx, orgId: string, event: PublishedEvent) => Promise<void>;

import type { EntityName, EntityRow } from '../entities.ts';
import type { Role } from '../roles.ts';

/** The person making a change (in crew mode, the person holding the phone right now). */
export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
  teamId: string | null;
};

export type MutatorContext = {
  actor: Actor;
  /** Device clock, for display only: ordering is decided by the server. */
  now: string;
};

/** What an optimistic mutator may do: read and write replicated rows. No network, no clock. */
export interface MutatorTx {
  get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined>;
  put<E extends EntityName>(entity: E, row: EntityRow<E>): Promise<void>;
  delete(entity: EntityName, id: string): Promise<void>;
}

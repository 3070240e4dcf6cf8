import { classifyFailure, SyncHttpError } from './transport.ts';

/**
 * The server keeps answering a sync step with an error. Kept in the device's sync meta so a
 * reload, another tab and the "Changes on this phone" screen all know since when and why;
 * cleared by the next success of the same step. Network failures are not trouble (the device
 * is offline, which the header already says) and neither are sign-in or update answers (they
 * have their own prompts).
 */
export type SyncTrouble = {
  /** Sending this device's changes, or fetching the server's. */
  phase: 'push' | 'pull';
  /** The oldest change of the batch the server did not take (push only): the one first in the queue. */
  mutationId: number | null;
  /** Device clock at the first failure in this run of failures. */
  since: string;
  lastAt: string;
  /** Failed attempts in a row. */
  attempts: number;
  status: number;
  code: string;
  /** What the server said, for the person. */
  message: string;
};

/** A 5xx may be a blip (a deploy, a restart): say so only once it keeps happening. */
export const STUCK_AFTER_ATTEMPTS = 3;

/** The failure to remember for this error, or null if it is not the server's answer to keep. */
export function nextTrouble(
  previous: SyncTrouble | null,
  where: { phase: SyncTrouble['phase']; mutationId: number | null },
  error: unknown,
  now: string,
): SyncTrouble | null {
  if (!(error instanceof SyncHttpError)) return null;
  const failure = classifyFailure(error);
  if (failure !== 'server' && failure !== 'rejected') return null;
  const same = previous?.phase === where.phase && previous.mutationId === where.mutationId;
  return {
    ...where,
    since: same ? previous.since : now,
    lastAt: now,
    attempts: same ? previous.attempts + 1 : 1,
    status: error.status,
    code: error.code,
    message: error.message,
  };
}

/**
 * Whether the person should be told. A 4xx for a whole batch is a protocol problem (bad data in
 * one change is refused per change), so it shows at once; a 5xx after a few tries in a row.
 */
export function isStuck(trouble: SyncTrouble | null | undefined): trouble is SyncTrouble {
  if (!trouble) return false;
  const transient = trouble.status >= 500 || trouble.status === 429;
  return !transient || trouble.attempts >= STUCK_AFTER_ATTEMPTS;
}

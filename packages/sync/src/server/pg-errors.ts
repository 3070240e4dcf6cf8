/**
 * What a PostgreSQL error means for a write: lost a race (run it again), the database cannot work
 * right now (5xx, the device retries later), or the input's fault (a refusal).
 */

/** SQLSTATEs of a transaction that lost a race, not of bad input: run it again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/**
 * SQLSTATE classes of a server that cannot work right now (connection lost, shutting down, out of
 * resources, internal): never a reason to refuse a person's change.
 */
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '53', '57', '58', 'XX'];

/** The SQLSTATE of a pg / PGlite error, also when drizzle wrapped it in `cause`. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  for (const code of [e?.code, e?.cause?.code]) {
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A serialization failure or a deadlock: the transaction had no effect and may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

/** The database itself failed, not the statement's input. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  if (code) return UNAVAILABLE_SQLSTATE_CLASSES.some((c) => code.startsWith(c)) || RETRYABLE_SQLSTATES.has(code);
  // No SQLSTATE: a socket error (ECONNRESET, ECONNREFUSED…) or a closed pool.
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return [e?.code, e?.cause?.code].some((c) => typeof c === 'string' && /^E[A-Z]+$/.test(c));
}

/** Data exceptions (22…) and integrity violations (23…): the input's fault. */
export function isDataError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9999, 0, 1);

/**
 * The device's clock is its word: a time PostgreSQL cannot store (year 0), one it stores but
 * JavaScript cannot read back (a year BC), or one no phone can have had is dropped rather than let
 * one odd clock fail every later request of that device — or every screen that lists it.
 */
export function deviceTime(clientTime: string): Date | null {
  const ms = Date.parse(clientTime);
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? new Date(ms) : null;
}

/** A stored time as ISO text, or null for one JavaScript cannot represent (stored before the check above). */
export function isoOrNull(time: Date | string | null): string | null {
  if (time === null) return null;
  const date = new Date(time);
  return Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

import type { DeviceContact } from './record-device-contact.ts';

/**
 * The contacts this process recorded within the last minute, so that an identical one (same
 * person, client, session, report and browser) skips its statement altogether: the statement
 * would write nothing anyway (record-device-contact.ts writes a repeat at most once a minute), and
 * the one thing it would still do — refuse a revoked device — the push and the pull do themselves,
 * inside their transactions (client-standing.ts). When they do refuse, the route records the
 * contact in full (`forget` first), which ends the session as before. One round trip less on
 * nearly every push and pull of a phone that syncs every few seconds (ADR 0043).
 *
 * Per process and bounded: another API process, or this one after `max` other contacts, simply
 * runs the statement again.
 */
export class RecentContacts {
  private readonly seen = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly max = 20_000,
  ) {}

  /** Whether the same contact was recorded here within the window (`now` defaults to the clock). */
  isFresh(contact: DeviceContact): boolean {
    const seen = this.seen.get(keyOf(contact));
    return (
      seen !== undefined && seen.fingerprint === fingerprintOf(contact) && nowOf(contact) - seen.at < this.windowMs
    );
  }

  /** The contact was recorded (and the device is not revoked). */
  remember(contact: DeviceContact): void {
    const key = keyOf(contact);
    this.seen.delete(key);
    this.seen.set(key, { fingerprint: fingerprintOf(contact), at: nowOf(contact) });
    // Oldest first in insertion order: drop it when full.
    if (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
  }

  forget(contact: DeviceContact): void {
    this.seen.delete(keyOf(contact));
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * Pushes and pulls are remembered apart: a phone alternates them, and only the pull's contact
 * renews the crew's sessions, so a push must never stand in for it.
 */
function keyOf(c: DeviceContact): string {
  const kind = c.crewSessionTtlDays === undefined ? 'push' : `pull:${c.crewSessionTtlDays}`;
  return `${c.actor.orgId}|${c.actor.userId}|${c.clientId}|${c.sessionTokenHash}|${kind}`;
}

function fingerprintOf(c: DeviceContact): string {
  return JSON.stringify([c.report ?? null, c.userAgent?.slice(0, 500) ?? null]);
}

function nowOf(c: DeviceContact): number {
  return (c.now ?? new Date()).getTime();
}

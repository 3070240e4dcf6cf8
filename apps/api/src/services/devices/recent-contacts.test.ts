import { describe, expect, it } from 'vitest';
import type { DeviceContact } from './record-device-contact.ts';
import { RecentContacts } from './recent-contacts.ts';

const t0 = new Date('2026-12-02T08:00:00Z');
const contact = (over: Partial<DeviceContact> = {}): DeviceContact => ({
  actor: { userId: 'u1', orgId: 'o1', role: 'technician', teamId: 't1' },
  clientId: 'c1',
  report: { appVersion: '1.0.0', pendingCount: 0, oldestPendingAt: null },
  userAgent: 'Phone',
  sessionTokenHash: 's1',
  now: t0,
  ...over,
});
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('recent device contacts', () => {
  it('knows a repeat within the window, and nothing else', () => {
    const recent = new RecentContacts(60_000);
    expect(recent.isFresh(contact())).toBe(false);
    recent.remember(contact());
    expect(recent.isFresh(contact({ now: at(59_000) }))).toBe(true);
    expect(recent.isFresh(contact({ now: at(60_000) }))).toBe(false);
    // Anything the statement would write or check differently is not a repeat.
    expect(
      recent.isFresh(contact({ now: at(1), report: { appVersion: '1.0.0', pendingCount: 3, oldestPendingAt: null } })),
    ).toBe(false);
    expect(recent.isFresh(contact({ now: at(1), userAgent: 'Other' }))).toBe(false);
    expect(recent.isFresh(contact({ now: at(1), sessionTokenHash: 's2' }))).toBe(false);
    expect(
      recent.isFresh(contact({ now: at(1), actor: { userId: 'u2', orgId: 'o1', role: 'technician', teamId: 't1' } })),
    ).toBe(false);
    expect(recent.isFresh(contact({ now: at(1), crewSessionTtlDays: 30 }))).toBe(false);
    // A pull's contact (it renews the crew's sessions) is remembered apart from a push's.
    recent.remember(contact({ crewSessionTtlDays: 30 }));
    expect(recent.isFresh(contact({ now: at(1), crewSessionTtlDays: 30 }))).toBe(true);
    expect(recent.isFresh(contact({ now: at(1) }))).toBe(true);
    recent.forget(contact());
    expect(recent.isFresh(contact({ now: at(1) }))).toBe(false);
  });

  it('stays bounded, dropping the contact remembered longest ago', () => {
    const recent = new RecentContacts(60_000, 3);
    for (const clientId of ['a', 'b', 'c', 'd']) recent.remember(contact({ clientId }));
    expect(recent.size).toBe(3);
    expect(recent.isFresh(contact({ clientId: 'a' }))).toBe(false);
    expect(recent.isFresh(contact({ clientId: 'd' }))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { daysWithoutContact, megabytes, shortClientId } from './device-facts.ts';

describe('daysWithoutContact', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  it('counts whole days since the last contact', () => {
    expect(daysWithoutContact('2026-12-01T09:00:00.000Z', now)).toBe(0);
    expect(daysWithoutContact('2026-11-30T10:00:00.000Z', now)).toBe(1);
    expect(daysWithoutContact('2026-11-24T09:59:00.000Z', now)).toBe(7);
  });
  it('never goes negative when the server clock is a little ahead', () => {
    expect(daysWithoutContact('2026-12-01T10:05:00.000Z', now)).toBe(0);
  });
});

describe('megabytes', () => {
  it('keeps one decimal for small sizes and rounds large ones', () => {
    expect(megabytes(400 * 1024)).toBe(0.4);
    expect(megabytes(12.4 * 1024 * 1024)).toBe(12);
    expect(megabytes(0)).toBe(0);
  });
});

it('shortens a client id to what the audit trail shows', () => {
  expect(shortClientId('0123456789abcdef0123')).toBe('0123456789ab');
});

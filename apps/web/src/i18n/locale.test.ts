import { afterEach, describe, expect, it, vi } from 'vitest';
import { preferredLocale } from './locale.ts';

function storage(entries: Record<string, string>) {
  return { getItem: (key: string) => entries[key] ?? null, setItem: () => undefined };
}

afterEach(() => vi.unstubAllGlobals());

describe('the language a signed-in person gets', () => {
  it('is the organization’s default when neither the person nor the device chose one', () => {
    vi.stubGlobal('localStorage', storage({}));
    vi.stubGlobal('navigator', { languages: ['en-GB'] });
    expect(preferredLocale('u1', 'pl')).toBe('pl');
    expect(preferredLocale('u1')).toBe('en');
  });

  it('gives way to a choice made on the device, and to the person’s own', () => {
    vi.stubGlobal('navigator', { languages: ['en-GB'] });
    vi.stubGlobal('localStorage', storage({ 'lastmile.locale': 'en' }));
    expect(preferredLocale('u1', 'pl')).toBe('en');
    vi.stubGlobal('localStorage', storage({ 'lastmile.locale': 'pl', 'lastmile.locale.u1': 'en' }));
    expect(preferredLocale('u1', 'pl')).toBe('en');
  });
});

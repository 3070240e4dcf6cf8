import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from './en.ts';
import { t } from './locale.ts';
import { pl } from './pl.ts';
import { createTranslator, isMessageKey, setMissingKeyHandler } from './translate.ts';

describe('t', () => {
  afterEach(() => {
    setMissingKeyHandler(() => undefined);
  });

  it('returns the English message and fills in parameters', () => {
    expect(t('header.signedInAs', { name: 'Ana Ruiz', role: 'Technician' })).toBe('Signed in as Ana Ruiz, Technician');
  });

  it('chooses the plural form from count', () => {
    expect(t('home.jobCount', { count: 1 })).toBe('1 job');
    expect(t('home.jobCount', { count: 0 })).toBe('0 jobs');
    expect(t('home.jobCount', { count: 12 })).toBe('12 jobs');
  });

  it('leaves a placeholder visible when a parameter is missing', () => {
    expect(t('job.number')).toBe('Job {number}');
  });

  it('shows the key and reports it once when a runtime-built key is missing', () => {
    const missing = vi.fn();
    setMissingKeyHandler(missing);
    const translate = createTranslator('en', en);
    const key = 'status.on_hold' as keyof typeof en;
    expect(translate(key)).toBe('status.on_hold');
    expect(translate(key)).toBe('status.on_hold');
    expect(missing).toHaveBeenCalledTimes(1);
    expect(missing).toHaveBeenCalledWith('status.on_hold', 'en');
  });

  it('falls back to English for a key another catalog lacks', () => {
    const missing = vi.fn();
    setMissingKeyHandler(missing);
    const french = createTranslator('fr', { 'signIn.submit': 'Se connecter' });
    expect(french('signIn.submit')).toBe('Se connecter');
    expect(french('header.signOut')).toBe('Sign out');
    expect(missing).not.toHaveBeenCalled();
  });

  it('tells catalog keys from other strings', () => {
    expect(isMessageKey('status.paused')).toBe(true);
    expect(isMessageKey('status.unknown')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });

  it('chooses among the Polish plural forms one, few, many and other', () => {
    const polish = createTranslator('pl', pl);
    expect(polish('home.jobCount', { count: 1 })).toBe('1 zlecenie');
    expect(polish('home.jobCount', { count: 3 })).toBe('3 zlecenia');
    expect(polish('home.jobCount', { count: 5 })).toBe('5 zleceń');
    expect(polish('home.jobCount', { count: 12 })).toBe('12 zleceń');
    expect(polish('home.jobCount', { count: 22 })).toBe('22 zlecenia');
    expect(polish('home.jobCount', { count: 0 })).toBe('0 zleceń');
    expect(polish('home.jobCount', { count: 1.5 })).toBe('1,5 zlecenia');
  });

  it('fills parameters inside a plural branch and formats the count in the language', () => {
    const polish = createTranslator('pl', pl);
    expect(polish('board.load', { count: 2, hours: 7.5 })).toBe('2 zlecenia · 7,5 godz.');
    expect(polish('office.table.total', { count: 12345 })).toBe('12\u00a0345 zleceń');
  });
});

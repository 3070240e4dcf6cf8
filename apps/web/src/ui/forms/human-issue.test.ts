import { describe, expect, it } from 'vitest';
import { z } from 'zod';
// The office forms' English comes with their routes (ADR 0039).
import '../../i18n/screens-messages.ts';
import { humanIssue } from './human-issue.ts';

const first = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a problem');
  return humanIssue(result.error.issues[0]!);
};

describe('office form errors a person can act on', () => {
  it('rewords schema texts from this device', () => {
    expect(first(z.uuid(), 'abc')).toBe('Choose one from the list.');
    expect(first(z.iso.datetime({ offset: true }), '2026-13-01')).toBe('Enter a date and a time.');
    expect(first(z.email(), 'nobody')).toBe('Enter an email address, like name@example.com.');
    expect(first(z.object({ name: z.string() }), {})).toBe('This field is required.');
  });

  it('rewords the same texts coming from the server, and keeps messages already written for people', () => {
    expect(humanIssue({ path: 'siteId', message: 'must be a UUID' })).toBe('Choose one from the list.');
    expect(humanIssue({ path: 'scheduledStart', message: 'Invalid ISO datetime' })).toBe('Enter a date and a time.');
    expect(humanIssue({ path: 'title', message: 'is required' })).toBe('is required');
  });
});
